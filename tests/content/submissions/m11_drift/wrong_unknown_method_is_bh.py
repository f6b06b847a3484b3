"""Wrong: an unknown correction name is not refused: it silently gets Benjamini-Hochberg.

Fails: bad_input_is_refused
Says: holm-sidak, expected it to raise ValueError
File: drift.py
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m11-drift", globals(), replace=[("    if method not in METHODS:\n", "    if False:\n")]
)
