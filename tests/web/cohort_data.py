"""A class of 20 learners written straight into the cohort tables, with figures known by hand.

The plan started DAYS_IN = 70 days ago at 10 h/week: months 1 and 2 have ended (a plan month
is 30.4375 days; month 2 ends on day 61), so the 7 exercises of months 1-2 are due.

- learner01..learner12 passed all 7 (learner01..06 also m03-gradients): not behind.
- learner13..learner17 passed month 1's 5 only: behind.
- learner18, learner19 failed m01-katas twice each; learner18's m01-oop passed in a batch
  verdict, learner19 has a failed batch verdict: behind.
- learner20 joined and did nothing: behind.
So 8 learners are behind.

m01-katas: learner i (1..17) failed it i % 3 times and then passed, so attempts to pass are
2,3,1,2,3,1,... : five 1s, six 2s, six 3s, median 2. With learner18 and 19: 19 tried, 17
passed. Every failed attempt fails the "chunk" check with a message whose numbers differ
(one message once masked): 12 learners of 1..17 + learner18/19 = 14 learners, 18 + 4 = 22
times. learner18/19's failed attempts also fail "dedupe" (2 learners, 4 times).

Quiz: learner01..04 each review m01-python-slice twice (the second Good) and m03-matmul-shape
twice (the second Again for learner01 and 02): 8 reviews of cards seen before, 6 recalled;
month 1 4/4, month 3 2/4.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, insert

from airoadmap.cohort.schema import (
    SCHEMA_VERSION,
    CohortAttempt,
    CohortBase,
    CohortMeta,
    CohortQuizReview,
    GradedSubmission,
    Learner,
)

DAYS_IN = 70
HOURS = 10.0
NAME = "Spring class"
LEARNERS = [f"learner{i:02d}" for i in range(1, 21)]
MONTH1 = ["m01-katas", "m01-oop", "m01-errors-files", "m01-http", "m01-cleaning"]
MONTH2 = ["m02-eda", "m02-inference"]
CHUNK = "chunk cuts a list into batches, the last one shorter"
DEDUPE = "dedupe drops repeats and keeps first-seen order"
BEHIND = LEARNERS[12:]
KATAS_TRIED, KATAS_PASSED, KATAS_MEDIAN = 19, 17, 2
CHUNK_LEARNERS, CHUNK_TIMES = 14, 22


def check(name: str, outcome: str, message: str = "") -> dict[str, Any]:
    return {"name": name, "outcome": outcome, "message": message}


def start_date(today: date | None = None) -> date:
    return (today or date.today()) - timedelta(days=DAYS_IN)


def fill(engine: Engine, today: date | None = None, *, meta: bool = True) -> None:
    """Create the cohort tables in `engine`'s database and write the class into them
    (meta=False: the cohort's facts are there already, e.g. from `cohort create`)."""
    start = start_date(today)
    t0 = datetime(start.year, start.month, start.day, 9, tzinfo=UTC)
    CohortBase.metadata.create_all(engine)
    attempts: list[dict[str, Any]] = []
    local: dict[str, int] = {}

    def attempt(
        learner: str, ex: str, outcome: str, checks: list[dict[str, Any]], day: float
    ) -> None:
        local[learner] = local.get(learner, 0) + 1
        at = t0 + timedelta(days=day, minutes=local[learner])
        attempts.append(
            {
                "learner": learner,
                "workspace_uid": str(uuid.UUID(int=LEARNERS.index(learner) + 1)),
                "local_id": local[learner],
                "exercise_id": ex,
                "outcome": outcome,
                "metrics": {},
                "checks": checks,
                "duration_s": 1.5,
                "code_hash": f"h{len(attempts)}",
                "created_at": at,
                "received_at": at + timedelta(seconds=5),
            }
        )

    def fail_katas(learner: str, n: int, day: float) -> None:
        items = 7 + n + LEARNERS.index(learner)
        checks = [
            check(
                CHUNK,
                "FAIL",
                f"chunk(list of {items} items, 3) gave {items // 3} batches; expected "
                f"{-(-items // 3)}",
            )
        ]
        if learner in ("learner18", "learner19"):
            checks.append(check(DEDUPE, "FAIL", "dedupe([3, 1, 3, 2]) returned [1, 2, 3]"))
        attempt(learner, "m01-katas", "FAIL", checks, day)

    for i, learner in enumerate(LEARNERS[:17], start=1):
        for n in range(i % 3):
            fail_katas(learner, n, 1 + n)
        attempt(learner, "m01-katas", "PASS", [check(CHUNK, "PASS")], 4)
        for k, ex in enumerate(MONTH1[1:], start=1):
            attempt(learner, ex, "PASS", [], 5 + 5 * k)
        if i <= 12:
            for k, ex in enumerate(MONTH2):
                attempt(learner, ex, "PASS", [], 35 + 10 * k)
        if i <= 6:
            attempt(learner, "m03-gradients", "PASS", [], 65)
    for learner in ("learner18", "learner19"):
        attempt(learner, "m01-katas", "NOT_ATTEMPTED", [], 0.5)  # an untouched starter
        for n in range(2):
            fail_katas(learner, n, 2 + n)

    reviews: list[dict[str, Any]] = []
    for j, learner in enumerate(LEARNERS[:4]):
        for card, second in (("m01-python-slice", 3), ("m03-matmul-shape", 1 if j < 2 else 3)):
            for k, rating in enumerate((3, second)):
                at = t0 + timedelta(days=20 + 10 * k, minutes=len(reviews))
                reviews.append(
                    {
                        "learner": learner,
                        "workspace_uid": str(uuid.UUID(int=j + 1)),
                        "local_id": len(reviews) + 1,
                        "card_id": card,
                        "rating": rating,
                        "reviewed_at": at,
                        "due": at + timedelta(days=3),
                    }
                )
    batch = str(uuid.uuid4())
    graded = [
        {
            "batch_id": batch,
            "learner": learner,
            "exercise_id": "m01-oop",
            "submission": learner,
            "code_hash": "g" + learner,
            "outcome": outcome,
            "summary": outcome,
            "metrics": {},
            "checks": [check("Pipeline fits each step on the output of the step before", outcome)],
            "duration_s": 2.0,
            "worker": "tcp://127.0.0.1:1",
            "graded_at": t0 + timedelta(days=50),
        }
        for learner, outcome in (("learner18", "PASS"), ("learner19", "FAIL"))
    ]
    # An untouched starter graded in a batch: NOT_ATTEMPTED, so learner19 did not try it.
    graded.append(
        {**graded[-1], "exercise_id": "m01-errors-files", "outcome": "NOT_ATTEMPTED",
         "summary": "NOT_ATTEMPTED", "checks": []}
    )
    facts = {
        "cohort_id": str(uuid.uuid4()),
        "name": NAME,
        "start_date": start.isoformat(),
        "hours_per_week": f"{HOURS:g}",
        "schema_version": SCHEMA_VERSION,
    }
    with engine.begin() as conn:
        if meta:
            conn.execute(insert(CohortMeta), [{"key": k, "value": v} for k, v in facts.items()])
        conn.execute(
            insert(Learner), [{"name": n, "joined_at": t0 + timedelta(hours=1)} for n in LEARNERS]
        )
        conn.execute(insert(CohortAttempt), attempts)
        conn.execute(insert(CohortQuizReview), reviews)
        conn.execute(insert(GradedSubmission), graded)
