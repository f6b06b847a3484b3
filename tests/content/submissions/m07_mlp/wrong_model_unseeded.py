"""Wrong: make_model ignores its seed: the weights come from the global random state.

Fails: model
Says: different initial weights
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            ("    with torch.random.fork_rng(devices=[]):\n        torch.manual_seed(seed)\n"),
            ("    if True:\n"),
        ),
    ],
)
