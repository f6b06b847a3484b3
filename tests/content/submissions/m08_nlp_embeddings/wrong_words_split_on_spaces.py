"""Wrong: words are cut at spaces only, and each is tokenized on its own, so '@elonmusk' or
'hands,' stay one word.

Fails: word_pieces
Says: pre-tokenizer cuts at spaces and punctuation
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution("m08-nlp-embeddings", globals())


def word_pieces(tokenizer, text):
    return [(word, tokenizer.tokenize(word)) for word in text.split()]
