"""Wrong: split_tweets accepts shares that leave nothing to train on.

Fails: split_partition
Says: expected it to raise ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        ("    if validation <= 0 or test <= 0 or validation + test >= 1:\n", "    if False:\n"),
    ],
)
