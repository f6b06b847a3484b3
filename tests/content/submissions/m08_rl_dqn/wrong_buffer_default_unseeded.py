"""Wrong: without a seed argument, the buffer draws from an unseeded generator.

Fails: buffer_samples_uniformly
Says: without a seed
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "def __init__(self, capacity: int, obs_dim: int, seed: int = 0) -> None:",
            "def __init__(self, capacity: int, obs_dim: int, seed: int | None = None) -> None:",
        ),
    ],
)
