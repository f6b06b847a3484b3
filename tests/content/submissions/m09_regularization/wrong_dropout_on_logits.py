"""Wrong: the dropout comes after the output layer and zeroes logits, not hidden units.

Fails: dropout_train_only
Says: exactly 0
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-regularization",
    globals(),
    replace=[
        ("            nn.Dropout(dropout),\n", ""),
        (
            "            nn.Linear(HIDDEN, 10),\n",
            "            nn.Linear(HIDDEN, 10),\n            nn.Dropout(dropout),\n",
        ),
    ],
)
