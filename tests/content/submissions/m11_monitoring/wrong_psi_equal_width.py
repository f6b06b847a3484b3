"""Wrong: PSI on 10 equal-width bins between the reference's min and max, not on its
quantiles: the bins no longer hold a tenth of the reference each.

Fails: psi_matches
Says: quantiles, expected
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m11-monitoring",
    globals(),
    replace=[
        (
            "    edges = np.quantile(reference, inner, axis=0)  # (bins - 1) x columns",
            "    low, high = reference.min(axis=0), reference.max(axis=0)\n"
            "    edges = low + np.outer(inner, high - low)  # equal widths",
        )
    ],
)
