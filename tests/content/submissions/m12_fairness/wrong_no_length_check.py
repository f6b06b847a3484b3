"""Wrong: inputs of different lengths are not refused: NumPy fails later with its own error.

Fails: bad_input_is_refused
Says: expected ValueError
File: group_metrics.py
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m12-fairness",
    globals(),
    replace=[("    if not len(true) == len(pred) == len(group):\n", "    if False:\n")],
)
