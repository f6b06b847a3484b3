"""Wrong: objective returns the accuracy on the training images.

Fails: objective_uses_validation
Says: does not score the model
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-tuning",
    globals(),
    replace=[
        (
            "    return float(model.score(X_val, y_val))",
            "    return float(model.score(X_train, y_train))",
            1,
        ),
    ],
)
