"""Wrong: colour_mask never wraps: a range from 330 to 20 degrees selects nothing.

Fails: colour
Says: wraps through red
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            (
                "    if hue_low <= hue_high:\n"
                "        in_range = (hue >= hue_low) & (hue <= hue_high)\n"
                "    else:\n"
                "        in_range = (hue >= hue_low) | (hue <= hue_high)\n"
            ),
            "    in_range = (hue >= hue_low) & (hue <= hue_high)\n",
        ),
    ],
)
