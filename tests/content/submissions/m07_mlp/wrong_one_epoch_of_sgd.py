"""Wrong: one epoch of plain SGD at the learning rate meant for Adam: the loop is right, the
settings learn too little.

Fails: accuracy_bar
Says: below the bar
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "optimizer = torch.optim.Adam(model.parameters(), lr=config.lr)",
            "optimizer = torch.optim.SGD(model.parameters(), lr=config.lr)",
        ),
        (
            "epochs: int = 4",
            "epochs: int = 1",
        ),
    ],
)
