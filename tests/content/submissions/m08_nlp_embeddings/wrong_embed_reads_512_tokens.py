"""Wrong: embed reads up to BERT's 512 positions, where all-MiniLM-L6-v2 reads 256 tokens.

Fails: embed_matches_sentence_transformers
Says: reads at most 256 tokens
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            "    max_length: int = 256,",
            "    max_length: int = 512,",
        ),
    ],
)
