"""Wrong: the best state is model.state_dict() without a copy: its tensors are the live weights.

Fails: early_stopping
Says: copy
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "best_loss, best_state, waited = valid_loss, copy.deepcopy(model.state_dict()), 0",
            "best_loss, best_state, waited = valid_loss, model.state_dict(), 0",
        ),
    ],
)
