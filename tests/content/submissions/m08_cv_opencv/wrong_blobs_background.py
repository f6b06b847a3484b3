"""Wrong: blobs counts the background (label 0) as a region.

Fails: measured
Says: regions
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "for label in range(1, count):",
            "for label in range(count):",
        ),
    ],
)
