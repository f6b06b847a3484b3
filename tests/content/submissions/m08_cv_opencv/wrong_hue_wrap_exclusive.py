"""Wrong: colour_mask leaves out hue_low itself in a range that wraps.

Fails: colour
Says: every bound is included
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "in_range = (hue >= hue_low) | (hue <= hue_high)",
            "in_range = (hue > hue_low) | (hue <= hue_high)",
        ),
    ],
)
