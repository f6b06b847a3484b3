"""Wrong: create_study fails when the study already exists (no load_if_exists).

Fails: creates_study
Says: load_if_exists
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-tuning",
    globals(),
    replace=[
        ("load_if_exists=True,", "", 1),
    ],
)
