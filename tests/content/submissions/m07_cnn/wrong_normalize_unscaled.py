"""Wrong: normalize forgets to scale the pixels to [0, 1]: with the images' own statistics it does
not matter, with the training set's it does.

Fails: normalize_images
Says: mean and std given
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        (
            "return x.permute(0, 3, 1, 2).float().div_(255.0)",
            "return x.permute(0, 3, 1, 2).float()",
        ),
    ],
)
