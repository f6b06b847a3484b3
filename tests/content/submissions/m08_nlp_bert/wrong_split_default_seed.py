"""Wrong: split_tweets' seed defaults to 1, not to the brief's 0.

Fails: split_seeded
Says: the seed's default is 0
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        (
            "validation: float = 0.15, test: float = 0.15, seed: int = 0",
            "validation: float = 0.15, test: float = 0.15, seed: int = 1",
        )
    ],
)
