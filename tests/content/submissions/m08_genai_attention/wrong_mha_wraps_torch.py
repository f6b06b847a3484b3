"""Wrong: MultiHeadAttention holds an nn.MultiheadAttention and calls it.

Fails: attention_from_scratch
Says: holds an nn.MultiheadAttention
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)\n",
            (
                "        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)\n"
                "        self.inner = nn.MultiheadAttention(embed_dim, num_heads, batch_fir"
                "st=True)\n"
            ),
        ),
    ],
)
