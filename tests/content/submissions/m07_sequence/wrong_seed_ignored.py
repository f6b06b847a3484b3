"""Wrong: the seed is always 0, whatever config.seed says.

Fails: seeded
Says: seed 0 and seed 1
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[
        ("    torch.manual_seed(config.seed)\n", "    torch.manual_seed(0)\n"),
        (
            "order = torch.Generator().manual_seed(config.seed)",
            "order = torch.Generator().manual_seed(0)",
        ),
    ],
)
