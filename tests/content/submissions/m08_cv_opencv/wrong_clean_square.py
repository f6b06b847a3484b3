"""Wrong: clean uses a square footprint of the same size as the disk.

Fails: morphology
Says: disk(radius)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "footprint = disk(radius)\n    opened",
            "footprint = np.ones((2 * radius + 1, 2 * radius + 1), np.uint8)\n    opened",
        ),
    ],
)
