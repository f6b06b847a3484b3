"""The schedule on small hand-made curricula, with numbers worked out by hand.

A plan month is 30.4375 days = 4.348214... weeks (365.25 / 12 days). At the plan's pace
(stretch 1) three months last 91.3125 days.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from airoadmap.curriculum.models import (
    Curriculum,
    Exercise,
    HintGroup,
    Month,
    Phase,
    Project,
    Roadmap,
    Tool,
    Topic,
)
from airoadmap.progress.schedule import (
    DAYS_PER_MONTH,
    Schedule,
    ScheduleStatus,
    compute_schedule,
    compute_status,
    curriculum_status,
    describe,
)

START = date(2025, 1, 1)
MONTH_WEEKS = 30.4375 / 7


def month(number: int, exercises: list[str]) -> Month:
    return Month(
        number=number,
        slug=f"m{number:02d}-test",
        title=f"Month {number}",
        phase="p1",
        goal="learn",
        topics=[Topic(name="t", why="w")],
        tools=[Tool(name="python", use="all")],
        projects=[Project(title="p", summary="s")],
        exercises=exercises,
    )


def exercise(exercise_id: str, hours: float) -> Exercise:
    return Exercise(
        id=exercise_id,
        month=int(exercise_id[1:3]),
        title=exercise_id,
        summary="s",
        files=["a.py"],
        hours=hours,
        hints=[HintGroup(key="general", tiers=["look closer"])],
    )


# Month 1: a (2 h), b (2 h); month 2: c (3 h), d (1 h); month 3: e (4 h).
MONTHS = [month(1, ["m01-a", "m01-b"]), month(2, ["m02-c", "m02-d"]), month(3, ["m03-e"])]
EXERCISES = {
    e.id: e
    for e in [
        exercise("m01-a", 2),
        exercise("m01-b", 2),
        exercise("m02-c", 3),
        exercise("m02-d", 1),
        exercise("m03-e", 4),
    ]
}


def status(
    today: date, passed: set[str], hours: float = 10, months: list[Month] = MONTHS
) -> ScheduleStatus:
    return compute_status(months, EXERCISES, 10, Schedule(START, hours), today, passed)


def test_constants() -> None:
    assert DAYS_PER_MONTH == 30.4375


def test_first_day() -> None:
    s = status(START, set())
    assert s.state == "on_track"
    assert (s.current_month, s.months_total) == (1, 3)
    assert s.weeks_elapsed == 0
    assert s.weeks_done == 0
    assert s.delta_weeks == 0.0
    assert s.next_exercise == "m01-a"
    assert [(m.number, m.passed, m.total) for m in s.months] == [(1, 0, 2), (2, 0, 2), (3, 0, 1)]
    assert s.end_date == START + timedelta(days=91)  # round(91.3125)
    assert s.summary() == "Month 1 of 3, week 1: on track; next: m01-a."


def test_behind_after_ten_weeks() -> None:
    # Day 70 = week 10 (70 / 30.4375 = 2.3 months in: month 3). Work: all of month 1 (4.348
    # weeks) and m02-c, 3 of month 2's 4 hours (0.75 * 4.348 = 3.261 weeks) = 1.75 months
    # = 7.609375 weeks. Behind by 10 - 7.609375 = 2.390625 -> 2.4 weeks.
    s = status(START + timedelta(days=70), {"m01-a", "m01-b", "m02-c"})
    assert s.current_month == 3
    assert s.weeks_elapsed == 10
    assert s.weeks_done == pytest.approx(7.609375)
    assert s.delta_weeks == -2.4
    assert s.state == "behind"
    assert s.next_exercise == "m02-d"
    m2 = s.months[1]
    assert (m2.passed, m2.total, m2.complete) == (1, 2, False)
    assert m2.weeks_done == pytest.approx(0.75 * MONTH_WEEKS)
    assert m2.starts_on == START + timedelta(days=30)  # round(30.4375)
    assert s.months[0].complete
    assert s.passed == 3 and s.total == 5
    assert s.summary() == "Month 3 of 3, week 11: behind by 2.4 weeks; next: m02-d."


def test_ahead_after_one_week() -> None:
    # A whole month (4.348 weeks) done in the first week: ahead by 3.348 -> 3.3 weeks.
    s = status(START + timedelta(days=7), {"m01-a", "m01-b"})
    assert s.current_month == 1
    assert s.delta_weeks == 3.3
    assert s.state == "ahead"
    assert s.next_exercise == "m02-c"
    assert s.summary() == "Month 1 of 3, week 2: ahead by 3.3 weeks; next: m02-c."


def test_exercises_are_weighed_by_hours_not_count() -> None:
    one_of_two_light = status(START, {"m02-d"})  # 1 of month 2's 4 hours
    one_of_two_heavy = status(START, {"m02-c"})  # 3 of its 4 hours
    assert one_of_two_light.weeks_done == pytest.approx(0.25 * MONTH_WEEKS)
    assert one_of_two_heavy.weeks_done == pytest.approx(0.75 * MONTH_WEEKS)
    # the next exercise is the first one not passed in roadmap order, skipping passed ones
    assert one_of_two_heavy.next_exercise == "m01-a"


def test_within_half_a_week_is_on_track() -> None:
    # Day 3: 0.43 weeks elapsed, nothing done -> -0.4: on track. Day 4: -0.6: behind.
    assert status(START + timedelta(days=3), set()).state == "on_track"
    day4 = status(START + timedelta(days=4), set())
    assert (day4.delta_weeks, day4.state) == (-0.6, "behind")


def test_fewer_hours_stretch_the_months() -> None:
    # 5 h/week against a 10 h plan: every month lasts 60.875 days (8.696 weeks).
    assert status(START + timedelta(days=60), set(), hours=5).current_month == 1
    s = status(START + timedelta(days=61), {"m01-a", "m01-b"}, hours=5)
    assert s.stretch == 2
    assert s.current_month == 2
    assert s.weeks_done == pytest.approx(2 * MONTH_WEEKS)
    assert s.delta_weeks == round(2 * MONTH_WEEKS - 61 / 7, 1) == 0.0
    assert s.state == "on_track"
    assert s.end_date == START + timedelta(days=183)  # round(3 * 60.875)
    # the same month 1 done by day 61 at 10 h/week is 61/7 - 4.348 = 4.4 weeks behind
    assert status(START + timedelta(days=61), {"m01-a", "m01-b"}).delta_weeks == -4.4


def test_more_hours_shorten_the_months() -> None:
    s = status(START + timedelta(days=20), set(), hours=20)  # months of 15.22 days
    assert s.current_month == 2
    assert s.stretch == 0.5


def test_before_the_start() -> None:
    s = status(START - timedelta(days=3), set())
    assert s.state == "not_started"
    assert s.days_until_start == 3
    assert s.current_month == 1
    assert s.weeks_elapsed == 0
    assert s.summary() == "Month 1 of 3 starts in 3 days (2025-01-01); next: m01-a."
    tomorrow = status(START - timedelta(days=1), set()).summary()
    assert tomorrow.startswith("Month 1 of 3 starts tomorrow")
    # work done early counts: still "not started", but ahead
    early = status(START - timedelta(days=1), {"m01-a"})
    assert early.state == "not_started"
    assert early.delta_weeks == round(0.5 * MONTH_WEEKS, 1) == 2.2


def test_past_the_end_the_delay_stops_growing() -> None:
    # 3 months = 13.04 weeks; 200 days later with nothing passed: behind by the whole plan.
    s = status(START + timedelta(days=200), set())
    assert s.current_month == 3
    assert s.weeks_elapsed == pytest.approx(200 / 7)
    assert s.delta_weeks == -13.0
    assert s.state == "ended"


def test_after_the_end_the_status_says_the_plan_ended_and_what_is_left() -> None:
    # The plan (3 months, 91 days) ended on 2025-04-02; a (2 h) and c (3 h) are passed,
    # b (2 h), d (1 h) and e (4 h) are left: 7 hours, 0.9 weeks at 8 h/week (the months
    # stretch to 8/10, so the plan ends later: round(91.3125 * 1.25) = 114 days).
    s = status(START + timedelta(days=400), {"m01-a", "m02-c"}, hours=8)
    assert s.state == "ended"
    assert s.end_date == START + timedelta(days=114) == date(2025, 4, 25)
    assert s.hours_left == 7
    assert s.summary() == (
        "The plan ended on 2025-04-25: 3 of 5 exercises left, about 7 hours "
        "(0.9 weeks at 8 h/week); next: m01-b."
    )
    assert "week" not in s.summary().split(":")[0]  # no "week 58" past the plan
    lines = describe(s)
    assert "the plan ran from 2025-01-01 to 2025-04-25" in lines[1]
    assert "airoadmap schedule --start" in lines[1]
    assert s.as_dict()["state"] == "ended" and s.as_dict()["hours_left"] == 7
    # on the end date itself the plan has ended; the day before it has not
    assert status(s.end_date, set(), hours=8).state == "ended"
    assert status(s.end_date - timedelta(days=1), set(), hours=8).state == "behind"
    # all passed after the end is still "done", not "ended"
    assert status(START + timedelta(days=400), set(EXERCISES)).state == "done"


def test_all_passed_is_done() -> None:
    s = status(START + timedelta(days=10), set(EXERCISES))
    assert s.state == "done"
    assert s.next_exercise is None
    assert s.weeks_done == pytest.approx(3 * MONTH_WEEKS)
    assert s.summary() == "All 5 exercises passed: the roadmap is done."


def test_a_month_without_exercises_follows_the_calendar() -> None:
    months = [month(1, ["m01-a", "m01-b"]), month(2, []), month(3, ["m03-e"])]
    # Day 45 (6.43 weeks): month 1 done (4.348), empty month 2 counts its elapsed
    # 6.43 - 4.348 = 2.08 weeks: exactly on time.
    s = status(START + timedelta(days=45), {"m01-a", "m01-b"}, months=months)
    assert s.months[1].weeks_done == pytest.approx(45 / 7 - MONTH_WEEKS)
    assert s.delta_weeks == 0.0
    assert s.state == "on_track"
    assert s.next_exercise == "m03-e"
    # later, the empty month counts at most its own length
    late = status(START + timedelta(days=80), {"m01-a", "m01-b"}, months=months)
    assert late.months[1].weeks_done == pytest.approx(MONTH_WEEKS)


def test_months_out_of_order_and_unknown_ids() -> None:
    months = [month(2, ["m02-c", "m02-gone"]), month(1, ["m01-a"])]
    s = status(START, set(), months=months)
    assert [m.number for m in s.months] == [1, 2]
    assert s.months[1].total == 1  # m02-gone is not in the exercises
    assert s.next_exercise == "m01-a"


@pytest.mark.parametrize("hours", [0, -1, float("nan"), float("inf")])
def test_bad_hours(hours: float) -> None:
    with pytest.raises(ValueError, match="hours per week"):
        status(START, set(), hours=hours)


def test_no_months() -> None:
    with pytest.raises(ValueError, match="no months"):
        compute_status([], EXERCISES, 10, Schedule(START, 10), START, set())


def test_curriculum_status_uses_the_roadmap_pace() -> None:
    roadmap = Roadmap(
        format_version=1,
        title="t",
        summary="s",
        hours_per_week=20,
        phases=[Phase(id="p1", number=1, title="P", goal="g", months=[1, 2, 3])],
    )
    cur = Curriculum(roadmap=roadmap, months=MONTHS, exercises=EXERCISES)
    s = curriculum_status(cur, Schedule(START, 10), START + timedelta(days=61), {"m01-a"})
    assert s.stretch == 2  # a 20 h/week plan at 10 h/week
    assert s.current_month == 2
    assert s.next_exercise == "m01-b"


def test_compute_schedule_as_dict_and_describe() -> None:
    roadmap = Roadmap(
        format_version=1,
        title="t",
        summary="s",
        hours_per_week=10,
        phases=[Phase(id="p1", number=1, title="P", goal="g", months=[1, 2, 3])],
    )
    cur = Curriculum(roadmap=roadmap, months=MONTHS, exercises=EXERCISES)
    s = compute_schedule(cur, START, 10, START + timedelta(days=70), {"m01-a", "m01-b", "m02-c"})
    data = json.loads(json.dumps(s.as_dict()))
    assert data["current_month"] == 3
    assert data["delta_weeks"] == -2.4
    assert data["next_exercise"] == "m02-d"
    assert data["state"] == "behind"
    assert data["months"][1] == {
        "number": 2,
        "passed": 1,
        "total": 2,
        "weeks_planned": 4.35,
        "weeks_done": 3.26,
        "starts_on": "2025-01-31",
    }
    lines = describe(s)
    assert "Month 3 of 3, week 11: behind by 2.4 weeks" in lines[0]
    assert "3 of 5 exercises passed" in lines[1]
    assert lines[-1] == "Next: [cyan]airoadmap show m02-d[/]"
    assert "No schedule yet" in describe(None)[0]


def test_schedule_module_and_package_stay_free_of_the_database() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import airoadmap.progress\n"
        "from airoadmap.progress import compute_status, Schedule\n"
        "assert 'sqlalchemy' not in sys.modules\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr


def test_package_names_resolve() -> None:
    import airoadmap.progress as progress

    for name in progress.__all__:
        assert getattr(progress, name) is not None
    with pytest.raises(AttributeError):
        _ = progress.nothing_here
