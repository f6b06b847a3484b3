"""Wrong: the z-score rule flags the upper tail only.

Fails: outliers
Says: both tails, the cell -12 (position 10) became False
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            "    return ((values < low) | (values > high)).astype(bool)",
            "    return (values > high).astype(bool)",
        ),
    ],
)
