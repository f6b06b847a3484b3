"""Wrong: split_tweets accepts validation and test shares that add up to 1 (no training part).

Fails: split_partition
Says: expected it to raise ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[("or validation + test >= 1:", "or validation + test > 1:")],
)
