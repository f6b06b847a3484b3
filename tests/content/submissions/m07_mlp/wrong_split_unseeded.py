"""Wrong: the permutation ignores the seed (np.random.permutation).

Fails: split
Says: called twice gave two different splits
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "order = np.random.default_rng(seed).permutation(n)",
            "order = np.random.permutation(n)",
        ),
    ],
)
