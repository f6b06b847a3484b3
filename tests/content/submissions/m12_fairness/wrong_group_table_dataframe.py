"""Wrong: group_table returns the by-group DataFrame, not the MetricFrame.

Fails: group_table_is_a_metricframe
Says: returned DataFrame, MetricFrame
File: audit.py
"""

from tests.content.submissions.m12_fairness._audit import run_audit

run_audit(
    globals(),
    replace=[
        (
            "        sensitive_features=sensitive,\n    )\n",
            "        sensitive_features=sensitive,\n    ).by_group\n",
        )
    ],
)
