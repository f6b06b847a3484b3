"""Wrong: train shuffles with the global random generator, not one seeded with config.seed:
the order of the batches depends on whatever ran before.

Fails: training
Says: not seeded by config.seed
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer",
    globals(),
    replace=[
        (
            "torch.randperm(len(labels), generator=generator)",
            "torch.randperm(len(labels))",
        )
    ],
)
