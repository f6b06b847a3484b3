"""Wrong: Taxi's Q-learning trains for 300 episodes: most starts are never delivered.

Fails: taxi_q_learning
Says: taxi_q_return
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution("m08-rl-qlearning", globals())


TAXI_Q_LEARNING = Config(  # noqa: F821 - defined by run_solution
    episodes=300, alpha=1.0, gamma=0.99, epsilon_start=0.5, decay_episodes=200
)
