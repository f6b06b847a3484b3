"""Wrong: the KS gap is read at every sorted value, also inside a run of equal values.

Between two equal values one CDF has taken some of its step and the other not yet: on
counts (many ties) the statistic comes out too large.

Fails: ks_matches_scipy
Says: KS statistics on 400 vs 500 rows, ks_2samp
File: drift.py
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m11-drift",
    globals(),
    replace=[("np.max(np.abs(gap) * run_end, axis=0)", "np.max(np.abs(gap), axis=0)")],
)
