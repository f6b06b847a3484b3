"""Wrong: an embed_dim the heads cannot share is accepted.

Fails: mha_layout
Says: MultiHeadAttention(10
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "        if embed_dim % num_heads != 0:\n",
            "        if False:\n",
        ),
    ],
)
