"""Wrong: split_tweets draws from an unseeded generator.

Fails: split_seeded
Says: seed=3
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        ("np.random.default_rng(seed)", "np.random.default_rng()"),
    ],
)
