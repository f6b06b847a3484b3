"""Specialization tracks: which exercises count, how the content is validated, and the
schedule under a chosen track."""

from __future__ import annotations

from datetime import date, timedelta

from airoadmap.curriculum.loader import curriculum
from airoadmap.curriculum.models import Track
from airoadmap.curriculum.validate import validate_structure
from airoadmap.progress.schedule import Schedule, compute_status
from tests.progress.test_schedule import EXERCISES, exercise, month

TRACKS = [
    Track(id="nlp", title="NLP", summary="text", exercises=["m02-c"]),
    Track(id="rl", title="RL", summary="reward", exercises=["m02-d", "m02-x"]),
]
TRACKED = month(2, ["m02-core", "m02-c", "m02-d"]).model_copy(update={"tracks": TRACKS})


def test_a_month_counts_its_core_and_the_chosen_track() -> None:
    assert TRACKED.counted("rl") == ["m02-core", "m02-d"]
    assert TRACKED.counted("nlp") == ["m02-core", "m02-c"]
    assert TRACKED.track_of("m02-d") is TRACKS[1]
    assert TRACKED.track_of("m02-core") is None


def test_before_a_choice_the_first_track_counts() -> None:
    assert TRACKED.counted(None) == ["m02-core", "m02-c"]
    assert TRACKED.counted("unknown") == ["m02-core", "m02-c"]  # a removed track: the default
    assert TRACKED.track(None) is TRACKS[0]


def test_a_month_without_tracks_counts_everything() -> None:
    plain = month(1, ["m01-a", "m01-b"])
    assert plain.counted("rl") == ["m01-a", "m01-b"]
    assert plain.track("rl") is None


def test_the_schedule_weighs_only_the_chosen_track() -> None:
    exercises = {
        **EXERCISES,
        "m02-core": exercise("m02-core", 1),
        "m02-c": exercise("m02-c", 3),
        "m02-d": exercise("m02-d", 1),
    }
    today = date(2025, 1, 1) + timedelta(days=10)
    months = [month(1, ["m01-a", "m01-b"]), TRACKED]
    plan = Schedule(date(2025, 1, 1), 10)
    passed = {"m01-a", "m01-b", "m02-core", "m02-c"}  # month 1 and the nlp track done
    nlp = compute_status(months, exercises, 10, plan, today, passed, {2: "nlp"})
    rl = compute_status(months, exercises, 10, plan, today, passed, {2: "rl"})
    assert (nlp.months[1].passed, nlp.months[1].total) == (2, 2)
    assert (rl.months[1].passed, rl.months[1].total) == (1, 2)
    assert nlp.state == "done" and nlp.next_exercise is None
    assert rl.next_exercise == "m02-d"  # the nlp work stays passed, but rl's is what counts
    assert rl.hours_left == 1


def test_month_8_offers_four_tracks_of_its_own_exercises() -> None:
    m8 = curriculum().month(8)
    assert [t.id for t in m8.tracks] == ["nlp", "cv", "genai", "rl"]
    for t in m8.tracks:
        assert all(e.startswith(f"m08-{t.id}-") for e in t.exercises), t.id
        assert set(t.exercises) <= set(m8.exercises) | set(m8.planned)


def test_validation_names_a_track_exercise_that_is_not_in_the_month() -> None:
    cur = curriculum()
    m8 = cur.month(8)
    stray = Track(id="robotics", title="Robots", summary="s", exercises=["m08-robot-arm"])
    twice = Track(id="nlp2", title="Again", summary="s", exercises=[m8.tracks[0].exercises[0]])
    bad = m8.model_copy(update={"tracks": [*m8.tracks, stray, twice]})
    broken = cur.model_copy(update={"months": [bad if m.number == 8 else m for m in cur.months]})
    problems = validate_structure(broken)
    assert any("track 'robotics' lists 'm08-robot-arm'" in p for p in problems), problems
    assert any(f"'{m8.tracks[0].exercises[0]}' is in 2 tracks" in p for p in problems), problems
    assert validate_structure(cur) == []
