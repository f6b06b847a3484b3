"""Wrong: train uses seed 0 whatever config.seed says.

Fails: seeded
Says: ended with equal weights
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "torch.manual_seed(config.seed)  # dropout",
            "torch.manual_seed(0)  # dropout",
        ),
        (
            "config.valid_fraction, config.seed)",
            "config.valid_fraction, 0)",
        ),
        (
            "generator=torch.Generator().manual_seed(config.seed)",
            "generator=torch.Generator().manual_seed(0)",
        ),
    ],
)
