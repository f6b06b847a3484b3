"""Wrong: equalized odds compares the true positive rates only (the FPR gap is left out).

Fails: differences_match_fairlearn
Says: equalized_odds_difference on, worst-case
File: group_metrics.py
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m12-fairness",
    globals(),
    replace=[('_spread([row["false_positive_rate"] for row in rows])', "0.0")],
)
