"""Wrong: normalize keeps the channel axis last, (N, H, W, C).

Fails: normalize_images
Says: (N, C, H, W)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        (
            "    return x.sub_(m).div_(s)  # in place: x is a fresh copy",
            "    return x.sub_(m).div_(s).permute(0, 2, 3, 1)",
        ),
    ],
)
