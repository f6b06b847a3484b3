"""Wrong: the optimizer runs at Adam's default learning rate, not config.lr (the same number
as the default config's, so only another lr shows it).

Fails: learning_rate
Says: changed the weights, lr=config.lr
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "optimizer = torch.optim.Adam(model.parameters(), lr=config.lr)",
            "optimizer = torch.optim.Adam(model.parameters())",
        ),
    ],
)
