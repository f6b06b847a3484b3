"""Wrong: a group without a negative label is reported as one without a positive label.

Fails: bad_input_is_refused
Says: south, negative
File: group_metrics.py
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m12-fairness",
    globals(),
    replace=[('((1, "positive"), (0, "negative"))', '((1, "positive"), (0, "positive"))')],
)
