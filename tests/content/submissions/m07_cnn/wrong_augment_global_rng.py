"""Wrong: the shifts and flips come from the global random generator, not from the one augment is
given.

Fails: augment_random
Says: generator
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        (
            "(n, 1), generator=generator).to(batch.device)\n    dx",
            "(n, 1)).to(batch.device)\n    dx",
        ),
        (
            "(n, 1), generator=generator).to(batch.device)\n    flip",
            "(n, 1)).to(batch.device)\n    flip",
        ),
        ("torch.rand(n, 1, generator=generator)", "torch.rand(n, 1)"),
    ],
)
