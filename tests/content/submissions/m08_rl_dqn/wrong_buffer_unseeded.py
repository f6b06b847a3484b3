"""Wrong: the buffer's generator ignores its seed.

Fails: buffer_samples_uniformly
Says: Two ReplayBuffers with seed=0
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        ("self.rng = np.random.default_rng(seed)", "self.rng = np.random.default_rng()"),
    ],
)
