"""Wrong: colour_mask forgets the minimum value: dark pixels of any hue pass.

Fails: colour
Says: value
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "in_range & (saturation >= min_saturation) & (value >= min_value)",
            "in_range & (saturation >= min_saturation)",
        ),
    ],
)
