"""Wrong: split_tweets always uses seed 0.

Fails: split_seeded
Says: seed 3 and seed 4
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        ("np.random.default_rng(seed)", "np.random.default_rng(0)"),
    ],
)
