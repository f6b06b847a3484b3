"""Wrong: the seed is always 0, whatever config.seed says.

Fails: training_seeded
Says: seed 0 and seed 1, config.seed
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-detection",
    globals(),
    replace=[
        ("torch.manual_seed(config.seed)", "torch.manual_seed(0)"),
        ("torch.Generator().manual_seed(config.seed)", "torch.Generator().manual_seed(0)"),
    ],
)
