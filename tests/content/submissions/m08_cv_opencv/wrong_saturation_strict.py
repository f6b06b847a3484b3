"""Wrong: colour_mask keeps saturation > min_saturation (strictly): grey pixels
(saturation 0) fail a minimum of 0.

Fails: colour
Says: saturation >= min_saturation
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "(saturation >= min_saturation)",
            "(saturation > min_saturation)",
        ),
    ],
)
