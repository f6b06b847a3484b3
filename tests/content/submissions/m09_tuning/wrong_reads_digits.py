"""Wrong: objective loads the digits itself and scores on all of them.

Fails: objective_uses_validation
Says: read the digits data set itself
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-tuning",
    globals(),
    replace=[
        (
            "    return float(model.score(X_val, y_val))",
            "    from sklearn.datasets import load_digits\n\n"
            "    digits = load_digits()\n"
            "    return float(model.score(digits.data / 16.0, digits.target))",
            1,
        ),
    ],
)
