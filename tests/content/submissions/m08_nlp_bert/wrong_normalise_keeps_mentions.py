"""Wrong: normalise keeps the @mentions (they differ between copies of a tweet).

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
            'text = MENTION.sub(" ", URL.sub(" ", text.lower()))',
            'text = URL.sub(" ", text.lower())',
        ),
    ],
)
