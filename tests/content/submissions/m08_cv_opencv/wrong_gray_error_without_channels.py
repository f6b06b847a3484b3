"""Wrong: to_gray's shape error says the shape is wrong but not what it
needs.

Fails: errors
Says: should name the problem
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            (
                'raise ValueError(f"{what}: expected an image of shape {expected}, got '
                '{image.shape}.")'
            ),
            'raise ValueError(f"{what}: wrong image shape {image.shape}.")',
        ),
    ],
)
