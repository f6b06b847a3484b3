"""Wrong: normalise keeps underscores (\\w is not 'a letter or a digit').

Fails: normalises
Says: normalise(
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        (
            'c if c.isalnum() or c.isspace() else " "',
            'c if c.isalnum() or c.isspace() or c == "_" else " "',
        ),
    ],
)
