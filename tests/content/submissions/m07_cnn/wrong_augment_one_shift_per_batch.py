"""Wrong: one shift and one flip are drawn for the whole batch.

Fails: augment_ops
Says: same shift
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        (
            "(n, 1), generator=generator).to(batch.device)\n    dx",
            "(1, 1), generator=generator).to(batch.device).expand(n, 1)\n    dx",
        ),
        (
            "(n, 1), generator=generator).to(batch.device)\n    flip",
            "(1, 1), generator=generator).to(batch.device).expand(n, 1)\n    flip",
        ),
        (
            "flip = (torch.rand(n, 1, generator=generator) < 0.5)",
            "flip = (torch.rand(1, 1, generator=generator) < 0.5).expand(n, 1)",
        ),
    ],
)
