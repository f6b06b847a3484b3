"""Wrong: train_model stops one pass early (range(1, epochs)).

Fails: trains_epochs
Says: trained 2 passes
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-tuning",
    globals(),
    replace=[("range(1, epochs + 1)", "range(1, epochs)", 1)],
)
