"""Wrong: the verdict uses the raw p-values: no correction for testing 40 columns.

Fails: few_false_alarms
Says: false_alarms_bonferroni, adjusted p-value
File: drift.py
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m11-drift",
    globals(),
    replace=[
        (
            'report["p_adjusted"] = adjust(report["p_value"].to_numpy(), correction)',
            'report["p_adjusted"] = report["p_value"]',
        )
    ],
)
