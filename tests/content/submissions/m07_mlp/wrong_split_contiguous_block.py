"""Wrong: the validation part is a block of consecutive indices at a seeded random start.

Fails: split
Says: one block
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            (
                "order = np.random.default_rng(seed).permutation(n)\n"
                "    n_valid = round(n * valid_fraction)"
            ),
            (
                "n_valid = round(n * valid_fraction)\n"
                "    start = int(np.random.default_rng(seed).integers(0, n - n_valid + 1))\n"
                "    order = np.roll(np.arange(n), -start)"
            ),
        ),
    ],
)
