"""Wrong: objective reports nothing while it trains (the pruner sees nothing).

Fails: objective_uses_validation
Says: intermediate values
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-tuning",
    globals(),
    replace=[
        ("        trial.report(float(model.score(X_val, y_val)), step=epoch)\n", "", 1),
    ],
)
