"""Wrong: the shuffle is seeded, dropout is not (no torch.manual_seed).

Fails: seeded
Says: seed=11, different curves, torch.manual_seed(seed)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "    torch.manual_seed(config.seed)  # dropout\n",
            "",
        ),
    ],
)
