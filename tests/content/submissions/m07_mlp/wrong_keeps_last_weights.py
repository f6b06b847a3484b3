"""Wrong: the best weights are never loaded back: the model keeps the last epoch's.

Fails: early_stopping
Says: the weights of epoch 4 (the last), not those of epoch 2
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "    model.load_state_dict(best_state)\n    return history",
            "    return history",
        ),
    ],
)
