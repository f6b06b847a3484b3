"""Wrong: sample draws among all capacity rows, the ones never written (zeros) included.

Fails: buffer_keeps_the_last
Says: are not that transition's
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "rows = self.rng.integers(0, self.size, size=batch_size)",
            "rows = self.rng.integers(0, self.capacity, size=batch_size)",
        ),
    ],
)
