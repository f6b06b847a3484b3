"""Wrong: Benjamini-Hochberg without the running minimum (p * m / rank as it is).

A larger p-value can then get a smaller adjusted value than a smaller one, and the order of
the verdicts breaks.

Fails: corrections_match
Says: adjust('bh'), false_discovery_control
File: drift.py
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m11-drift",
    globals(),
    replace=[("running_min = np.minimum.accumulate(scaled[::-1])[::-1]", "running_min = scaled")],
)
