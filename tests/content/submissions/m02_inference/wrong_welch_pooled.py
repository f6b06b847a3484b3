"""Wrong: Student's t, not Welch's: a pooled variance and n_x + n_y - 2 degrees of freedom.

Fails: welch_matches_scipy
Says: sqrt(var(x)/n_x + var(y)/n_y)
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)",
            "    pooled = (len(a) - 1) * a.var(ddof=1) + (len(b) - 1) * b.var(ddof=1)\n"
            "    pooled /= len(a) + len(b) - 2\n"
            "    va, vb = pooled / len(a), pooled / len(b)",
        ),
    ],
)
