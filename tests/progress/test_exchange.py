"""Export and import: lossless, idempotent, and strict about bad files."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from airoadmap.errors import ProgressError
from airoadmap.progress.exchange import (
    FORMAT,
    FORMAT_VERSION,
    export_progress,
    export_to_file,
    import_from_file,
    import_progress,
)
from airoadmap.progress.schedule import Schedule
from airoadmap.progress.store import ProgressStore
from airoadmap.results import CheckResult, Outcome

T0 = datetime(2025, 3, 1, 9, 30, 0, 654321, tzinfo=UTC)


def _fill(store: ProgressStore) -> None:
    checks = [
        CheckResult(name="fit", outcome=Outcome.PASS, metrics={"r2": 0.93}),
        CheckResult(name="bar", outcome=Outcome.FAIL, message="r2=0.71 < 0.85", hint="scale"),
    ]
    store.record_attempt("m03-linreg", "FAIL", {"r2": 0.71}, checks, 2.5, "aa", created_at=T0)
    store.record_attempt(
        "m03-linreg",
        "PASS",
        {"r2": 0.93, "bad": float("nan")},
        [checks[0]],
        1.0 / 3.0,
        "bb",
        created_at=T0 + timedelta(minutes=5),
    )
    store.record_attempt("m01-katas", "NOT_ATTEMPTED", {}, [], 0.2, "cc", created_at=T0)
    store.record_hint("m03-linreg", "scale", 1)
    store.record_hint("m03-linreg", "scale", 2)
    store.record_reveal("m03-linreg", after_pass=True)
    store.set_schedule(date(2025, 1, 6), 7.5)
    store.record_quiz_review(
        "m01-q1", 3, {"stability": 2.5, "step": [1, 2]}, T0 + timedelta(days=2), reviewed_at=T0
    )
    store.record_track(8, "rl")
    store.record_track(8, "nlp")  # a change of mind: both kept, the newest counts


def _without_time(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "exported_at"}


@pytest.fixture()
def other(new_store: Callable[[], ProgressStore]) -> ProgressStore:
    """A second, empty store on the same backend as `store`."""
    return new_store()


def test_export_has_a_version_and_every_table(store: ProgressStore) -> None:
    _fill(store)
    data = export_progress(store)
    assert data["format"] == FORMAT
    assert data["format_version"] == FORMAT_VERSION
    datetime.fromisoformat(data["exported_at"])
    assert len(data["attempts"]) == 3
    assert data["attempts"][0]["created_at"] == "2025-03-01T09:30:00.654321+00:00"
    assert data["attempts"][2]["metrics"] == {"r2": 0.93, "bad": None}
    assert len(data["hints_used"]) == 2
    assert data["solution_reveals"] == [
        {
            "exercise_id": "m03-linreg",
            "after_pass": True,
            "created_at": data["solution_reveals"][0]["created_at"],
        }
    ]
    assert data["schedule"] == {"start_date": "2025-01-06", "hours_per_week": 7.5}
    assert data["quiz_reviews"][0]["state"] == {"stability": 2.5, "step": [1, 2]}
    assert [(t["month"], t["track"]) for t in data["track_choices"]] == [(8, "rl"), (8, "nlp")]
    json.dumps(data, allow_nan=False)  # plain, strict JSON


def test_round_trip_is_lossless(store: ProgressStore, other: ProgressStore) -> None:
    _fill(store)
    first = json.loads(json.dumps(export_progress(store)))  # through real JSON text
    summary = import_progress(other, first)
    assert summary.added == {
        "attempts": 3,
        "hints_used": 2,
        "solution_reveals": 1,
        "schedule": 1,
        "quiz_reviews": 1,
        "track_choices": 2,
    }
    second = export_progress(other)
    assert _without_time(second) == _without_time(first)
    assert other.tracks() == {8: "nlp"}
    # and what the store answers is the same too
    assert other.best_outcomes() == store.best_outcomes()
    assert other.hints_used("m03-linreg") == {"scale": 2}
    assert other.get_schedule() == Schedule(date(2025, 1, 6), 7.5)
    assert [a.duration_s for a in other.attempts()] == [a.duration_s for a in store.attempts()]


def test_importing_twice_adds_nothing(store: ProgressStore, other: ProgressStore) -> None:
    _fill(store)
    data = export_progress(store)
    import_progress(other, data)
    again = import_progress(other, data)
    assert sum(again.added.values()) == 0
    assert again.skipped["attempts"] == 3
    assert str(again).startswith("Nothing new")
    assert _without_time(export_progress(other)) == _without_time(data)


def test_import_merges_with_existing_progress(store: ProgressStore, other: ProgressStore) -> None:
    _fill(store)
    other.record_attempt("m05-own", "PASS", created_at=T0 - timedelta(days=1))
    other.set_schedule(date(2024, 12, 1), 12)
    summary = import_progress(other, export_progress(store))
    assert summary.added["attempts"] == 3
    assert other.attempts()[0].exercise_id == "m05-own"
    assert len(other.attempts()) == 4
    # the file's plan wins (a new workspace has a default plan before its first import)
    assert summary.added["schedule"] == 1
    assert other.get_schedule() == Schedule(date(2025, 1, 6), 7.5)
    assert str(summary) == (
        "Added 3 attempts, 2 hints shown, 1 solution reveal, 1 quiz review, 2 track choices. "
        "Schedule changed: "
        "start 2024-12-01 -> 2025-01-06, 12 -> 7.5 hours a week "
        "(`airoadmap schedule --start 2024-12-01 --hours 12` puts it back)."
    )


def test_the_summary_counts_in_words_and_says_what_the_schedule_became(
    store: ProgressStore, other: ProgressStore
) -> None:
    _fill(store)
    data = export_progress(store)
    first = import_progress(other, data)  # no schedule before
    assert str(first).endswith("Schedule set: start 2025-01-06, 7.5 hours a week.")
    again = import_progress(other, data)  # same schedule: nothing said about it
    assert str(again) == "Nothing new (9 already present)."
    one = dict(data, attempts=data["attempts"][:1], hints_used=[], solution_reveals=[])
    one["quiz_reviews"], one["schedule"], one["track_choices"] = [], None, []
    other.set_schedule(date(2026, 1, 1), 5)
    fresh = import_progress(other, {**one, "attempts": [dict(one["attempts"][0], code_hash="n")]})
    assert str(fresh) == "Added 1 attempt."  # singular; no schedule in the file: unchanged
    assert other.get_schedule() == Schedule(date(2026, 1, 1), 5)
    replaced = import_progress(other, one, replace=True)
    assert "The schedule was removed (the file has none)" in str(replaced)
    assert "--start 2026-01-01 --hours 5" in str(replaced)


def test_a_file_that_is_not_utf8_is_one_clear_line(other: ProgressStore, tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"format": "airoadmap-progress", "note": "caf\xe9"}'.encode("latin-1"))
    with pytest.raises(ProgressError) as caught:
        import_from_file(other, path)
    message = str(caught.value)
    assert message == (
        f"{path} is not a progress export: it is not UTF-8 text (byte 0xe9 at offset 45). "
        "Give the JSON file `airoadmap progress export` wrote."
    )


def test_import_with_replace_makes_an_exact_copy(
    store: ProgressStore, other: ProgressStore
) -> None:
    _fill(store)
    other.record_attempt("m05-own", "PASS")
    other.record_hint("m05-own", "general", 1)
    other.set_schedule(date(2024, 12, 1), 12)
    data = export_progress(store)
    import_progress(other, data, replace=True)
    assert _without_time(export_progress(other)) == _without_time(data)


def test_duplicates_inside_one_file_are_imported_once(other: ProgressStore) -> None:
    attempt = {
        "exercise_id": "m01-a",
        "outcome": "PASS",
        "metrics": {},
        "checks": [],
        "duration_s": 1.0,
        "code_hash": "x",
        "created_at": "2025-01-01T10:00:00+00:00",
    }
    same_instant = dict(attempt, created_at="2025-01-01T11:00:00+01:00")
    data = {
        "format": FORMAT,
        "format_version": 1,
        "exported_at": "2025-01-02T00:00:00Z",
        "attempts": [attempt, attempt, same_instant],
    }
    summary = import_progress(other, data)
    assert (summary.added["attempts"], summary.skipped["attempts"]) == (1, 2)


def _valid() -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": 1,
        "exported_at": "2025-01-02T00:00:00+00:00",
        "attempts": [
            {
                "exercise_id": "m01-a",
                "outcome": "PASS",
                "metrics": {"acc": 1.0},
                "checks": [],
                "duration_s": 1.0,
                "code_hash": "x",
                "created_at": "2025-01-01T10:00:00+00:00",
            },
            {
                "exercise_id": "m01-b",
                "outcome": "FAIL",
                "metrics": {},
                "checks": [],
                "duration_s": 1.0,
                "code_hash": "y",
                "created_at": "2025-01-01T10:00:00+00:00",
            },
        ],
    }


def _broken(path: list[Any], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(_valid())
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([1, 2], "not an airoadmap progress export"),
        ({"attempts": []}, "not an airoadmap progress export"),
        (_broken(["format"], "something-else"), "not an airoadmap progress export"),
        (_broken(["format_version"], 7), "newer than this airoadmap reads"),
        (_broken(["attempts", 1, "outcome"], "GREAT"), "attempts.1.outcome"),
        (_broken(["attempts", 0, "created_at"], "yesterday"), "attempts.0.created_at"),
        (_broken(["attempts", 0, "duration_s"], -1), "attempts.0.duration_s"),
        (_broken(["attempts", 0, "exercise_id"], "x" * 65), "attempts.0.exercise_id"),
        (_broken(["attempts", 0, "code_hash"], KeyError), "attempts.0.code_hash"),
        (_broken(["attempts", 0, "surprise"], 1), "attempts.0.surprise"),
        (_broken(["schedule"], {"start_date": "2025-01-01", "hours_per_week": 0}), "schedule"),
    ],
)
def test_bad_data_is_refused_in_one_line_and_writes_nothing(
    other: ProgressStore, data: Any, expected: str
) -> None:
    with pytest.raises(ProgressError) as err:
        import_progress(other, data, source="backup.json")
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("backup.json ")
    assert expected in message
    assert other.attempts() == []


def test_valid_fixture_is_valid(other: ProgressStore) -> None:
    assert import_progress(other, _valid()).added["attempts"] == 2


def test_files(store: ProgressStore, other: ProgressStore, tmp_path: Path) -> None:
    _fill(store)
    path = tmp_path / "backup.json"
    assert export_to_file(store, path) == 3
    assert import_from_file(other, path).added["attempts"] == 3

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "airoadmap-progress",\n  "attempts": [,]}')
    with pytest.raises(ProgressError, match=r"bad.json is not valid JSON \(line 2") as err:
        import_from_file(other, bad)
    assert "\n" not in str(err.value)
    with pytest.raises(ProgressError, match="No export file"):
        import_from_file(other, tmp_path / "missing.json")
    with pytest.raises(ProgressError, match="Cannot write the export"):
        export_to_file(store, tmp_path / "no" / "such" / "dir" / "x.json")


def test_two_imports_at_once_add_each_row_once(
    backend: str, db_url: Callable[[], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import reads what is present, then inserts what is not: two at once must not both
    insert a row. The first is held inside its transaction (after its inserts) until the
    second is seen waiting for the write lock (on PostgreSQL, in pg_stat_activity); without
    that lock the second would find nothing present and insert everything again."""
    import threading

    from airoadmap.progress import exchange

    url = db_url()
    first, second = ProgressStore.open(url), ProgressStore.open(url)
    data = _valid()
    inside, release = threading.Event(), threading.Event()
    merge = exchange._merge

    def held(*args: Any, **kwargs: Any) -> tuple[int, int]:
        done = merge(*args, **kwargs)
        if threading.current_thread().name == "first":
            inside.set()
            assert release.wait(60)
        return done

    monkeypatch.setattr(exchange, "_merge", held)
    results: dict[str, int] = {}

    def run(name: str, store: ProgressStore) -> None:
        results[name] = import_progress(store, data).added["attempts"]

    one = threading.Thread(target=run, args=("first", first), name="first")
    two = threading.Thread(target=run, args=("second", second), name="second")
    try:
        one.start()
        assert inside.wait(60)
        two.start()
        if backend == "postgresql":
            with first._engine.connect() as conn:
                waiting = text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND wait_event_type = 'Lock' AND wait_event = 'advisory'"
                )
                while two.is_alive() and not conn.execute(waiting).scalar():
                    conn.rollback()  # a new snapshot of the activity next time
                    threading.Event().wait(0.01)
        release.set()
        one.join(60)
        two.join(60)
    finally:
        release.set()
        first.close()
    assert results == {"first": 2, "second": 0}
    assert len(second.attempts()) == 2
    second.close()
