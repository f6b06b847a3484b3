"""Wrong: the false positive rate divides by all the group's rows, not by its negatives.

Fails: group_rates_match_fairlearn
Says: false_positive_rate of group, MetricFrame
File: group_metrics.py
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m12-fairness",
    globals(),
    replace=[
        (
            '"false_positive_rate": float(p[t == 0].mean())',
            '"false_positive_rate": float(p[t == 0].sum() / len(t))',
        )
    ],
)
