"""Wrong: otsu passes any array to OpenCV.

Fails: errors
Says: otsu
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            '    _require(gray, "otsu", channels=None)\n',
            "",
        ),
    ],
)
