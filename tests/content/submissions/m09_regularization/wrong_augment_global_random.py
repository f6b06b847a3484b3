"""Wrong: augment draws its mirror choices from the global random generator, not from the one
it is given.

Fails: augment_images
Says: same seed
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-regularization",
    globals(),
    replace=[
        ("torch.rand(n, generator=generator)", "torch.rand(n)"),
    ],
)
