"""Wrong: an epoch whose validation loss equals the best counts as an improvement.

Fails: early_stopping
Says: only equals that of epoch 2, strictly lower
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "if valid_loss < best_loss:",
            "if valid_loss <= best_loss:",
        ),
    ],
)
