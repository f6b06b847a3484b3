"""Wrong: otsu keeps the pixels at the threshold too (gray >= t).

Fails: threshold
Says: brighter than the threshold
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "return int(threshold), binary > 0",
            "return int(threshold), gray >= threshold",
        ),
    ],
)
