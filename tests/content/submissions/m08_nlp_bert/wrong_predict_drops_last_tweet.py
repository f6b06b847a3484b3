"""Wrong: predict's batches stop one text early: a last batch of a single tweet is lost.

Fails: predicts
Says: expected one whole-number class per text
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        ("range(0, len(texts), config.batch_size)", "range(0, len(texts) - 1, config.batch_size)")
    ],
)
