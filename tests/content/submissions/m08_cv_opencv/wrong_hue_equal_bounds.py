"""Wrong: colour_mask treats a range from 120 to 120 as one that wraps, selecting
every hue.

Fails: colour
Says: 120, 120
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "if hue_low <= hue_high:",
            "if hue_low < hue_high:",
        ),
    ],
)
