"""Wrong: selection_rate of no rows returns NaN instead of refusing.

Fails: bad_input_is_refused
Says: selection_rate([]), expected ValueError
File: group_metrics.py
"""

from tests.content.submissions._solution import run_solution

run_solution("m12-fairness", globals(), replace=[("    if pred.size == 0:\n", "    if False:\n")])
