"""Wrong: sample favours the later rows of the ring: not uniform.

Fails: buffer_samples_uniformly
Says: are not uniform
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "rows = self.rng.integers(0, self.size, size=batch_size)",
            "rows = np.sqrt(self.rng.random(batch_size) * self.size**2).astype(np.int64)",
        ),
    ],
)
