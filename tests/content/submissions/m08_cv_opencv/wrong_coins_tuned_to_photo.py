"""Wrong: find_coins keeps only blobs of 900 pixels or more, the photo's coins
size: the smaller coins of the generated images are dropped.

Fails: generated
Says: no blob
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "MIN_AREA = 300",
            "MIN_AREA = 900",
        ),
    ],
)
