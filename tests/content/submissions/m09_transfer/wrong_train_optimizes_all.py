"""Wrong: train hands every parameter to the optimizer, frozen ones included.

Fails: training
Says: the optimizer's parameter groups do not hold exactly the parameters
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer",
    globals(),
    replace=[
        (
            "torch.optim.Adam(trainable, lr=config.lr)",
            "torch.optim.Adam(model.parameters(), lr=config.lr)",
        )
    ],
)
