"""`airoadmap check`'s quick path (issue 8, section 6): the same result without Typer or pydantic.

What is checked: the quick path runs once the full `check` has compiled the curriculum, and
then imports neither pydantic, Typer nor SQLAlchemy; it prints, records and exits as the
full command does; anything unusual (other options, stale or missing compiled curriculum)
goes to the full command; the compiled curriculum holds the same values as the models.
Its speed is measured in benchmarks/bench_check.py, not here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from airoadmap.cli.app import app
from airoadmap.cli.fastcheck import parse
from airoadmap.curriculum import compiled
from airoadmap.curriculum.loader import content_root, curriculum
from airoadmap.grading.grader import harness_options
from tests.conftest import exercise_file

HEAVY = ("pydantic", "typer", "sqlalchemy", "alembic")
PROBE = (
    "import atexit, sys\n"
    "watched = set(sys.argv[1].split(','))\n"
    "def report():\n"
    "    heavy = sorted({m.split('.')[0] for m in sys.modules} & watched)\n"
    "    sys.stderr.write('HEAVY=' + ','.join(heavy) + '\\n')\n"
    "atexit.register(report)\n"
    "sys.argv = ['airoadmap', *sys.argv[2:]]\n"
    "from airoadmap.cli.entry import main\n"
    "main()\n"
)


def airoadmap(ws: Path, *args: str, **env: str) -> tuple[int, str, str, list[str]]:
    """Run the `airoadmap` entry point in a fresh Python: (status, stdout, stderr, heavy
    modules it imported)."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, ",".join(HEAVY), *args],
        env={**os.environ, "AIROADMAP_WORKSPACE": str(ws), "COLUMNS": "160", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    heavy = re.search(r"^HEAVY=(.*)$", proc.stderr, re.MULTILINE)
    assert heavy is not None, proc.stderr
    stderr = proc.stderr.replace(heavy.group(0) + "\n", "")
    return proc.returncode, proc.stdout, stderr, [m for m in heavy.group(1).split(",") if m]


def attempts(ws: Path) -> int:
    with sqlite3.connect(ws / ".airoadmap" / "progress.db") as conn:
        return int(conn.execute("SELECT count(*) FROM attempts").fetchone()[0])


def without_timing(text: str) -> str:
    return re.sub(r"\(\d+\.\d+ s\)", "(T s)", text)


@pytest.fixture()
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    assert CliRunner().invoke(app, ["init", str(root)]).exit_code == 0
    return root


def test_the_quick_path_imports_no_heavy_library_and_matches_the_full_one(
    ws: Path, solution_text: Callable[[str, str], str]
) -> None:
    shutil.rmtree(compiled.cache_dir() / "curriculum", ignore_errors=True)
    first = airoadmap(ws, "check", "m01-katas")
    assert first[0] == 1 and "NOT_ATTEMPTED" in first[1]
    assert "pydantic" in first[3]  # no compiled curriculum yet: the full command ran...
    assert compiled.load() is not None  # ...and compiled it

    quick = airoadmap(ws, "check", "m01-katas")
    assert quick[3] == [], quick[3]
    assert quick[0] == first[0] and without_timing(quick[1]) == without_timing(first[1])
    assert attempts(ws) == 2

    exercise_file(ws, "m01-katas", "katas.py").write_text(solution_text("m01-katas", "katas.py"))
    full = airoadmap(ws, "check", "m01-katas", "-v", AIROADMAP_NO_FASTCHECK="1")
    quick = airoadmap(ws, "check", "m01-katas", "-v")
    assert "typer" in full[3] and quick[3] == []
    assert full[0] == quick[0] == 0
    assert without_timing(quick[1]) == without_timing(full[1])
    assert "PASS" in quick[1] and attempts(ws) == 4


def test_the_quick_path_reports_errors_as_the_full_one(ws: Path) -> None:
    CliRunner().invoke(app, ["check", "m01-katas"], env={"AIROADMAP_WORKSPACE": str(ws)})
    assert compiled.load() is not None
    for args in (["check", "m99-nothing"], ["check", "m01-katas", "--verbose", "m01-oop"]):
        quick = airoadmap(ws, *args)
        full = airoadmap(ws, *args, AIROADMAP_NO_FASTCHECK="1")
        assert quick[0] == full[0] != 0, (args, quick, full)
        assert quick[2] == full[2] and quick[1] == full[1], args
    code, _out, err, heavy = airoadmap(ws, "check", "m99-nothing")
    assert code == 1
    assert heavy == [] and err.startswith("error: ") and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args", [["check", "--json", "m01-katas"], ["check", "--all"], ["check", "--help"]]
)
def test_other_options_go_to_the_full_command(ws: Path, args: list[str]) -> None:
    CliRunner().invoke(app, ["check", "m01-katas"], env={"AIROADMAP_WORKSPACE": str(ws)})
    _code, out, _err, heavy = airoadmap(ws, *args)
    assert "typer" in heavy
    if "--json" in args:
        assert json.loads(out)["exercise_id"] == "m01-katas"


def test_parse_takes_an_id_and_verbose_only() -> None:
    assert parse([]) == (None, False)
    assert parse(["m01-katas"]) == ("m01-katas", False)
    assert parse(["-v", "m01-katas"]) == ("m01-katas", True)
    assert parse(["m01-katas", "--verbose"]) == ("m01-katas", True)
    for unusual in (["--json"], ["--all"], ["a", "b"], ["--help"], ["--", "a"], ["-x"]):
        assert parse(unusual) is None, unusual


def test_the_compiled_curriculum_has_the_models_values() -> None:
    cur = curriculum()
    compiled.save(cur)
    fast = compiled.load()
    assert fast is not None
    assert fast.model_dump(mode="json") == cur.model_dump(mode="json")
    assert [e.id for e in fast.ordered_exercises()] == [e.id for e in cur.ordered_exercises()]
    for ex in cur.exercises.values():
        quick = fast.exercises[ex.id]
        assert quick.model_dump(exclude_none=True) == ex.model_dump(mode="json", exclude_none=True)
        assert harness_options(quick) == harness_options(ex)
        assert quick.limits.timeout_s == ex.limits.timeout_s and quick.files == ex.files
        assert fast.month(ex.month).slug == cur.month(ex.month).slug
    with pytest.raises(AttributeError):
        fast.exercises["m01-katas"].id = "changed"  # type: ignore[misc]


def test_changed_content_is_never_read_from_a_stale_compilation(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(content_root(), root, ignore=shutil.ignore_patterns("*.py", "*.csv", "*.md"))
    cur = curriculum()
    assert compiled.save(cur, root) is not None
    assert compiled.load(root) is not None
    toml = root / "exercises" / "m01-katas" / "exercise.toml"
    toml.write_text(toml.read_text().replace("timeout_s", "timeout_s ", 1))
    assert compiled.load(root) is None  # the next full `check` compiles it again
    compiled.cache_file(compiled.content_key(root)).parent.mkdir(parents=True, exist_ok=True)
    compiled.cache_file(compiled.content_key(root)).write_text("{not json")
    assert compiled.load(root) is None


def test_the_cache_folder_is_platformdirs_one(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("AIROADMAP_CACHE_DIR")
    expected = Path(platformdirs.user_cache_dir("airoadmap", appauthor=False))
    assert compiled.cache_dir() == expected
    monkeypatch.setenv("XDG_CACHE_HOME", "/tmp/xdg-elsewhere")
    assert compiled.cache_dir() == Path(platformdirs.user_cache_dir("airoadmap", appauthor=False))
