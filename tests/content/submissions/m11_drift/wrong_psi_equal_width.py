"""Wrong: PSI on equal-width bins between the reference's minimum and maximum.

On skewed data most of the reference falls in one or two bins: the index is not the one the
brief asks for (quantile bins, a tenth of the reference each).

Fails: psi_matches
Says: PSI on, quantiles
File: drift.py
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m11-drift",
    globals(),
    replace=[
        (
            "edges = np.quantile(ref, np.arange(1, bins) / bins, axis=0)",
            "edges = np.linspace(ref.min(axis=0), ref.max(axis=0), bins + 1)[1:-1]",
        )
    ],
)
