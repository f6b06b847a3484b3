"""The learner loop as tried by a new learner (issue 8, section 5): each case a user hit."""

from __future__ import annotations

import json
import os
import time
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from airoadmap.cli.app import app
from airoadmap.curriculum.loader import curriculum, exercise_dir
from airoadmap.progress.store import ProgressStore
from airoadmap.results import Outcome
from airoadmap.workspace import Workspace
from tests.conftest import exercise_file

runner = CliRunner()


def cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def one_line_error(code: int, out: str) -> str:
    """The output of a refused command: non-zero, one line, no traceback."""
    assert code != 0, out
    assert "Traceback" not in out
    assert len(out.strip().splitlines()) == 1, out
    return out


@pytest.fixture()
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ws"
    code, out = cli("init", str(root), "--start", "2026-01-05", "--hours", "10")
    assert code == 0, out
    monkeypatch.chdir(root)
    return root


# -- 1. init validates everything before writing anything -----------------------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--start", "2026-13-01"], "is not a date"),
        (["--start", "9999-01-01"], "between 2000 and 2100"),
        (["--hours", "0"], "--hours 0 is out of range"),
        (["--hours", "-3"], "out of range"),
    ],
)
def test_init_with_a_bad_option_leaves_nothing_behind(
    args: list[str], says: str, tmp_path: Path
) -> None:
    target = tmp_path / "new-ws"
    out = one_line_error(*cli("init", str(target), *args))
    assert says in out
    assert not target.exists()


def test_init_with_a_bad_database_url_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIROADMAP_DATABASE_URL", "nosuchdb://x")
    target = tmp_path / "new-ws"
    assert "no database driver" in one_line_error(*cli("init", str(target)))
    assert not target.exists()


# -- 2. a changed schedule is said, with the way back ---------------------------------------


def test_init_again_says_how_the_schedule_changed(ws: Path) -> None:
    code, out = cli("init", str(ws), "--start", "2026-02-02")
    assert code == 0, out
    assert "Schedule changed: start 2026-01-05 -> 2026-02-02" in out
    assert "airoadmap schedule --start 2026-01-05 --hours 10" in out  # how to undo it
    code, out = cli("init", str(ws))  # nothing asked: nothing changes, nothing said
    assert code == 0 and "Schedule" not in out
    code, out = cli("schedule", "--hours", "6")
    assert code == 0 and "Schedule changed: 10 -> 6 hours a week" in out


def test_import_says_how_the_schedule_changed_and_counts_in_words(
    ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("hint", "m01-katas")
    export = tmp_path / "mine.json"
    assert cli("progress", "export", str(export))[0] == 0
    other = tmp_path / "other"
    assert cli("init", str(other), "--start", "2026-03-02", "--hours", "5")[0] == 0
    monkeypatch.chdir(other)
    code, out = cli("progress", "import", str(export))
    assert code == 0, out
    text = " ".join(out.split())
    assert text.startswith(f"From {export}: Added 1 hint shown.")
    assert "Imported" not in text
    assert (
        "Schedule changed: start 2026-03-02 -> 2026-01-05, 5 -> 10 hours a week "
        "(`airoadmap schedule --start 2026-03-02 --hours 5` puts it back)." in text
    )
    with ProgressStore.for_workspace(other / ".airoadmap" / "progress.db") as store:
        schedule = store.get_schedule()
    assert schedule is not None and schedule.start_date == date(2026, 1, 5)


# -- 3. a lost or damaged progress database ------------------------------------------------


def test_an_emptied_progress_db_is_refused_and_doctor_says_so(ws: Path) -> None:
    copies = ws / ".airoadmap" / "backups" / "progress"
    cli("hint", "m01-katas")  # today's copy is taken first, before the hint is recorded
    for taken in copies.iterdir():
        taken.unlink()  # as if the hint had been taken yesterday
    cli("status")  # the first open of a day keeps a copy of the database
    assert len(list(copies.iterdir())) == 1
    db = ws / ".airoadmap" / "progress.db"
    db.write_bytes(b"")
    past = time.time() - 3600
    os.utime(db, (past, past))
    out = one_line_error(*cli("status"))
    assert "is empty (0 bytes)" in out and "airoadmap progress restore" in out
    assert db.stat().st_size == 0  # not silently made into a new database
    code, out = cli("doctor", "--json")
    found = {(f["area"], f["name"]): f for f in json.loads(out)}
    assert found[("workspace", "progress")]["ok"] is False
    assert "is empty (0 bytes)" in found[("workspace", "progress")]["detail"]
    code, out = cli("progress", "restore")
    assert code == 0 and "Restored" in out
    code, out = cli("progress", "export")
    assert code == 0 and json.loads(out)["hints_used"][0]["exercise_id"] == "m01-katas"


def test_doctor_runs_the_integrity_check(ws: Path) -> None:
    code, out = cli("doctor", "--json")
    assert code == 0, out
    found = {(f["area"], f["name"]): f for f in json.loads(out)}
    assert found[("workspace", "progress")]["ok"] is True
    assert "integrity ok" in found[("workspace", "progress")]["detail"]


# -- 4. a progress file that is not UTF-8 -----------------------------------------------------


def test_import_of_a_file_that_is_not_utf8_is_one_clear_line(ws: Path, tmp_path: Path) -> None:
    bad = tmp_path / "utf16.json"
    bad.write_text('{"format": "airoadmap-progress"}', encoding="utf-16")
    out = one_line_error(*cli("progress", "import", str(bad)))
    assert "is not UTF-8 text" in out and "internal error" not in out


# -- 15. after the plan's end ---------------------------------------------------------------


def test_status_after_the_plans_end_says_it_ended_and_what_is_left(ws: Path) -> None:
    assert cli("schedule", "--start", "2015-01-05")[0] == 0  # ended long before any today
    code, out = cli("status")
    assert code == 0, out
    text = " ".join(out.split())
    end = json.loads(cli("status", "--json")[1])["schedule"]["end_date"]
    assert end.startswith("2016-")
    assert f"The plan ended on {end}" in text
    assert "behind by" not in text and "week 1" not in text
    cur = curriculum()
    counted = [e for m in cur.months for e in m.counted() if e in cur.exercises]  # default tracks
    total = len(counted)
    hours = sum(cur.exercises[e].hours for e in counted)
    assert f"{total} of {total} exercises left, about {hours:.0f} hours" in text
    data = json.loads(cli("status", "--json")[1])["schedule"]
    assert data["state"] == "ended" and data["hours_left"] == pytest.approx(hours)


# -- 16. the small ones --------------------------------------------------------------------


def test_version_and_short_help() -> None:
    from airoadmap import __version__

    code, out = cli("--version")
    assert code == 0 and out.strip() == f"airoadmap {__version__}"
    code, out = cli("-h")
    assert code == 0 and "Usage" in out and "status" in out
    code, out = cli("progress", "-h")
    assert code == 0 and "restore" in out


def test_ids_are_case_insensitive_with_a_suggestion(ws: Path) -> None:
    code, out = cli("show", "M03-LINREG")
    assert code == 0 and "Linear regression" in out
    out = one_line_error(*cli("show", "M03-LINREGG"))
    assert "Did you mean 'm03-linreg'?" in out
    code, out = cli("hint", "M01-KATAS")
    assert code == 0 and "m01-katas · hint 1" in out


def test_run_of_an_exercise_says_it_is_an_exercise(ws: Path) -> None:
    out = one_line_error(*cli("run", "m01-katas"))
    assert "m01-katas is an exercise, not a reference project" in out
    assert "airoadmap check m01-katas" in out


def test_run_outside_a_workspace_writes_nothing_in_the_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = one_line_error(*cli("run", "m03-linreg"))
    assert "No workspace here" in out and "--out DIR" in out
    assert list(tmp_path.iterdir()) == []


def test_watch_says_1_file(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import airoadmap.watching

    def fake(only: str | None, *, on_ready, on_report, limit):  # type: ignore[no-untyped-def]
        on_ready(1 if only else 2, ws)
        return 0

    monkeypatch.setattr(airoadmap.watching, "watch_workspace", fake)
    assert "Watching 1 file in" in cli("watch", "M01-KATAS")[1]
    assert "Watching 2 files in" in cli("watch")[1]


def test_reset_twice_keeps_one_backup_of_the_work(ws: Path) -> None:
    katas = exercise_file(ws, "m01-katas", "katas.py")
    katas.write_text("# my work\n")
    code, out = cli("reset", "m01-katas")
    assert code == 0 and "your version is saved as" in out
    code, out = cli("reset", "m01-katas")  # the file is the starter now
    assert code == 0 and "nothing to back up" in out
    katas.write_text("# my work\n")  # the same work again: its backup exists
    code, out = cli("reset", "m01-katas")
    backups = sorted((ws / ".airoadmap" / "backups" / "m01-katas").rglob("katas.py"))
    assert [b.read_text() for b in backups] == ["# my work\n"]
    assert str(backups[0]) in " ".join(out.split())


def test_hint_after_a_pass_continues_and_says_when_all_were_seen(ws: Path) -> None:
    ex = curriculum().exercises["m01-katas"]
    tiers = len(next(g for g in ex.hints if g.key == "is_palindrome").tiers)
    for _ in range(tiers - 1):
        cli("hint", "m01-katas", "--on", "is_palindrome")
    with ProgressStore.for_workspace(Workspace(ws.resolve()).db_path) as store:
        store.record_attempt("m01-katas", Outcome.PASS, checks=[], code_hash="x")
    code, out = cli("hint", "m01-katas")  # nothing fails now: the begun group goes on
    assert code == 0 and f"hint {tiers} of {tiers} · is_palindrome" in out
    assert "seen all" not in out
    code, out = cli("hint", "m01-katas")
    assert f"hint {tiers} of {tiers} · is_palindrome" in out
    assert f"You have seen all {tiers} hints of 'is_palindrome'" in " ".join(out.split())


def test_doctor_suggests_no_file_the_workspace_lacks(monkeypatch: pytest.MonkeyPatch) -> None:
    from airoadmap import doctor

    real = doctor._version
    monkeypatch.setattr(doctor, "_version", lambda d: None if d == "torch" else real(d))
    (finding,) = doctor._torch()
    assert not finding.ok
    assert "constraints" not in finding.detail
    assert "pip install torch==" in finding.detail


def test_starter_hash_is_the_shipped_starter(ws: Path) -> None:
    """Sanity for the portfolio test: a fresh workspace holds the starter byte for byte."""
    katas = exercise_file(ws, "m01-katas", "katas.py")
    assert katas.read_bytes() == (exercise_dir("m01-katas") / "starter" / "katas.py").read_bytes()


def test_dashboard_after_the_plans_end_says_it_ended(ws: Path) -> None:
    from fastapi.testclient import TestClient

    from airoadmap.web import create_app

    assert cli("schedule", "--start", "2015-01-05")[0] == 0
    with TestClient(create_app(Workspace(ws.resolve()))) as client:
        html = client.get("/").text
    end = json.loads(cli("status", "--json")[1])["schedule"]["end_date"]
    assert "Plan ended" in html and f"on {end}, with" in html
    assert "on track" not in html and "Month 12 of 12" not in html
