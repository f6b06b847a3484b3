"""Wrong: the training images come in the same order every epoch.

Fails: train_loop
Says: same order
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            (
                "        shuffle=True,\n"
                "        generator=torch.Generator().manual_seed(config.seed),\n"
            ),
            "",
        ),
    ],
)
