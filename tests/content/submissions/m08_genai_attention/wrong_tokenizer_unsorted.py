"""Wrong: the vocabulary in the order of first appearance, not sorted.

Fails: tokenizer
Says: sorted(set(text))
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "self.vocab = sorted(set(text))",
            "self.vocab = list(dict.fromkeys(text))",
        ),
    ],
)
