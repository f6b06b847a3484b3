"""Wrong: blobs gives the centroid as (row, column), NumPy's order.

Fails: measured
Says: x first
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "(float(cx), float(cy))",
            "(float(cy), float(cx))",
        ),
    ],
)
