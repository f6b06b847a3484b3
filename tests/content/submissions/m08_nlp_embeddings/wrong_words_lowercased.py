"""Wrong: each word is given lowercased, as the uncased model sees it, not as the tweet spells it.

Fails: word_pieces
Says: spelled as in the text
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            "    return [(text[slice(*spans[word])], pieces[word]) for word in pieces]",
            "    return [(text[slice(*spans[word])].lower(), pieces[word]) for word in pieces]",
        ),
    ],
)
