"""Wrong: evaluate never calls model.eval(): dropout stays on.

Fails: evaluate
Says: model.eval()
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "    model.eval()\n    total_loss, correct, count = 0.0, 0, 0",
            "    total_loss, correct, count = 0.0, 0, 0",
        ),
    ],
)
