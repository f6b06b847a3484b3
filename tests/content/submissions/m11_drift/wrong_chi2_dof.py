"""Wrong: the chi-square test counts one degree of freedom per category, not categories - 1.

Fails: chi2_matches_scipy
Says: chi2_test p-value on, chi2_contingency
File: drift.py
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m11-drift", globals(), replace=[("dof = len(categories) - 1", "dof = len(categories)")]
)
