"""Wrong: split_words records each split word once, not how often it occurs.

Fails: token_report
Says: split_words, how often it occurs
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            "                split_words[word] += 1",
            "                split_words[word] = 1",
        ),
    ],
)
