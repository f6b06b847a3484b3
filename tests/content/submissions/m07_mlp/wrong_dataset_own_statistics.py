"""Wrong: the pixels are standardised with the mean and standard deviation of the images the
Dataset holds, so one image gives different tensors in different Datasets.

Fails: dataset
Says: on its own
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "self.images = (pixels.reshape(len(pixels), -1) / 255.0 - PIXEL_MEAN) / PIXEL_STD",
            (
                "flat = pixels.reshape(len(pixels), -1) / 255.0\n"
                "        self.images = (flat - flat.mean()) / flat.std()"
            ),
        ),
    ],
)
