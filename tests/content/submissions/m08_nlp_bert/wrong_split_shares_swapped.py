"""Wrong: split_tweets fills the validation part up to the test share and the other way round.

Fails: split_partition
Says: share
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        (
            'wanted = {"test": test * len(keys), "validation": validation * len(keys)}',
            'wanted = {"test": validation * len(keys), "validation": test * len(keys)}',
        ),
    ],
)
