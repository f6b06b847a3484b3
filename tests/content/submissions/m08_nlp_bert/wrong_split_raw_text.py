"""Wrong: split_tweets groups by the raw text: near-duplicates land on both sides.

Fails: split_groups
Says: in both
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        ("keys = [normalise(text) for text in texts]", "keys = list(texts)"),
    ],
)
