"""Wrong: train records an episode's return only when the pole fell, not at the time limit.

Fails: train_reports_its_run
Says: episode_returns
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "            result.episode_returns.append(episode_return)\n",
            "            if terminated:\n"
            "                result.episode_returns.append(episode_return)\n",
        ),
    ],
)
