"""Wrong: FrozenLake's SARSA trains for 300 episodes: too few.

Fails: frozen_lake_sarsa
Says: frozen_lake_sarsa_success
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution("m08-rl-qlearning", globals())


FROZEN_LAKE_SARSA = Config(  # noqa: F821 - defined by run_solution
    episodes=300, alpha=0.1, gamma=0.999, decay_episodes=150
)
