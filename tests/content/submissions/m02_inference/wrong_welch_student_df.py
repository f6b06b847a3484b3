"""Wrong: Welch's t with Student's degrees of freedom n_x + n_y - 2.

Fails: welch_matches_scipy
Says: Welch-Satterthwaite
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))",
            "    df = float(len(a) + len(b) - 2)",
        ),
    ],
)
