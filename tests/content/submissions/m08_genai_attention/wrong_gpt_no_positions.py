"""Wrong: the GPT has no position embedding: it sees a bag of tokens.

Fails: gpt_forward
Says: after 'a b c' and 'b a c', position embeddings
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "        x = self.token_embedding(idx) + self.position_embedding(positions)",
            "        x = self.token_embedding(idx)",
        ),
    ],
)
