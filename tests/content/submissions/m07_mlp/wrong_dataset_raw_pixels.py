"""Wrong: the pixels are left at 0..255.

Fails: dataset
Says: scale the pixels
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "self.images = (pixels.reshape(len(pixels), -1) / 255.0 - PIXEL_MEAN) / PIXEL_STD",
            "self.images = pixels.reshape(len(pixels), -1)",
        ),
    ],
)
