"""Wrong: the '##' that marks a piece continuing a word is stripped from the pieces.

Fails: word_pieces
Says: '##' on the pieces that continue
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            "        pieces.setdefault(word, []).append(token)",
            '        pieces.setdefault(word, []).append(token.removeprefix("##"))',
        ),
    ],
)
