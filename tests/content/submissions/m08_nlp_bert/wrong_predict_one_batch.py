"""Wrong: predict sends all the texts at once.

Fails: predicts
Says: batches of config.batch_size
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        ("range(0, len(texts), config.batch_size)", "range(0, len(texts), max(1, len(texts)))"),
        ("texts[start : start + config.batch_size]", "texts[start:]"),
    ],
)
