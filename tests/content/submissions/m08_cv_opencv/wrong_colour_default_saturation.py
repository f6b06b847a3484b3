"""Wrong: colour_mask's min_saturation defaults to 0.2 instead of 0: greyish pixels
are dropped when the caller leaves it out.

Fails: colour
Says: colour_mask(hue wheel, 40, 80)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "min_saturation: float = 0.0,",
            "min_saturation: float = 0.2,",
        ),
    ],
)
