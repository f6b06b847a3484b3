"""Wrong: the mean and standard deviation are taken over all channels together, not per channel.

Fails: normalize_images
Says: each channel
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        (
            "return x.mean(dim=(0, 2, 3)).tolist(), x.std(dim=(0, 2, 3)).tolist()",
            "return [x.mean().item()] * x.shape[1], [x.std().item()] * x.shape[1]",
        ),
    ],
)
