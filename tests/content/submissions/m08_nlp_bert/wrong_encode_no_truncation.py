"""Wrong: encode does not truncate: long texts exceed max_length.

Fails: encodes
Says: truncate to max_length
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        ("truncation=True", "truncation=False"),
    ],
)
