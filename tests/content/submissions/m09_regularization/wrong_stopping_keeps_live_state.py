"""Wrong: EarlyStopping keeps model.state_dict() itself, whose tensors the later epochs change,
so restore brings back the last weights.

Fails: early_stopping
Says: after restore() the weight is
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-regularization",
    globals(),
    replace=[
        (
            "self.best_state = copy.deepcopy(model.state_dict())",
            "self.best_state = model.state_dict()",
        ),
    ],
)
