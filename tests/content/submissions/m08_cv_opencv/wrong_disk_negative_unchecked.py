"""Wrong: disk(-1) returns an empty footprint instead of raising.

Fails: errors
Says: disk(-1)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            (
                "    if radius < 0:\n"
                '        raise ValueError(f"disk: the radius must be 0 or more, got {radius}.")\n'
            ),
            "",
        ),
    ],
)
