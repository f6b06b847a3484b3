"""Wrong: every bad input raises ValueError('bad input'), which names nothing.

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
                '        raise ValueError(f"{what}: expected a uint8 NumPy array, got '
                '{dtype}: convert it first.")'
            ),
            '        raise ValueError("bad input")',
        ),
        (
            (
                '        raise ValueError(f"{what}: expected an image of shape {expected}, '
                'got {image.shape}.")'
            ),
            '        raise ValueError("bad input")',
        ),
    ],
)
