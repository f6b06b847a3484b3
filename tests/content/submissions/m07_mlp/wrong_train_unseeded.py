"""Wrong: train seeds neither the shuffle nor dropout.

Fails: seeded
Says: seed everything random
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
        (
            "        generator=torch.Generator().manual_seed(config.seed),\n",
            "",
        ),
    ],
)
