"""Wrong: create_study keeps Optuna's default direction (minimise).

Fails: creates_study
Says: minimises
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-tuning",
    globals(),
    replace=[
        ('direction="maximize",', "", 1),
    ],
)
