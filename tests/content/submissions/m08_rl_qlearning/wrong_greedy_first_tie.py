"""Wrong: epsilon_greedy always exploits the first of the tied best actions.

Fails: epsilon_greedy_draws
Says: chose action 1, two best actions share the greedy draws
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "    return int(best[0]) if len(best) == 1 else int(rng.choice(best))",
            "    return int(best[0])",
        ),
    ],
)
