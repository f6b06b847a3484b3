"""Wrong: normalize takes float pixels without complaint, and divides them by 255 again.

Fails: normalize_images
Says: expected it to raise ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        ("images.dtype != np.uint8 or images.ndim not in (3, 4)", "images.ndim not in (3, 4)"),
    ],
)
