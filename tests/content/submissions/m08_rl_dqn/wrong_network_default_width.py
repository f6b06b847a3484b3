"""Wrong: hidden defaults to 128, not 64.

Fails: q_network
Says: make_q_network(4, 2)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "def make_q_network(obs_dim: int, n_actions: int, hidden: int = 64)",
            "def make_q_network(obs_dim: int, n_actions: int, hidden: int = 128)",
        ),
    ],
)
