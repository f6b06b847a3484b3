"""Wrong: the observations are stored and sampled as float64.

Fails: buffer_keeps_the_last
Says: expected a torch.float32 tensor
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "np.zeros((capacity, obs_dim), dtype=np.float32)",
            "np.zeros((capacity, obs_dim), dtype=np.float64)",
            2,
        ),
    ],
)
