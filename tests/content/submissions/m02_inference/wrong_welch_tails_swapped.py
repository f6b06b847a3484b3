"""Wrong: 'greater' reads the lower tail of t and 'less' the upper.

Fails: welch_matches_scipy
Says: the upper for 'greater'
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "        p = stdtr(df, -t)\n    elif",
            "        p = stdtr(df, t)\n    elif",
        ),
        (
            "        p = stdtr(df, t)\n    else",
            "        p = stdtr(df, -t)\n    else",
        ),
    ],
)
