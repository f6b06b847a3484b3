"""Wrong: disk keeps x^2 + y^2 < r^2 (strictly), losing the four tips.

Fails: footprint
Says: x^2 + y^2 <= r^2
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "x * x + y * y <= radius * radius",
            "x * x + y * y < radius * radius + (radius == 0)",
        ),
    ],
)
