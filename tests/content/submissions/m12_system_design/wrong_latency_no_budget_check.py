"""Wrong: stages over the budget give a negative headroom instead of an error.

Fails: latency_split_adds_up
Says: expected it to raise ValueError, budget of 2500 ms
"""

from tests.content.submissions._solution import run_solution

run_solution("m12-system-design", globals(), replace=[("if headroom < 0:", "if headroom < -1e9:")])
