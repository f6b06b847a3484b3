"""Wrong: blur accepts sigma 0 (a 1-pixel kernel, no blur at all).

Fails: errors
Says: sigma=0
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            (
                "    if not sigma > 0:\n"
                '        raise ValueError(f"blur: sigma must be positive, got {sigma}.")\n'
            ),
            "",
        ),
    ],
)
