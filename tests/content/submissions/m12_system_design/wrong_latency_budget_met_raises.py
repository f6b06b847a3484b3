"""Wrong: stages that take exactly the whole budget are refused (headroom <= 0).

Fails: latency_split_adds_up
Says: met exactly, the headroom is 0
"""

from tests.content.submissions._solution import run_solution

run_solution("m12-system-design", globals(), replace=[("if headroom < 0:", "if headroom <= 0:")])
