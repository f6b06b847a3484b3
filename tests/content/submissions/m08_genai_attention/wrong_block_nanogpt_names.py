"""Wrong: the block's parts are named as in nanoGPT (ln_1, attn, ln_2, c_fc, c_proj): torch's
weights do not load.

Fails: block_matches_torch
Says: norm1, self_attn
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            (
                "        self.norm1 = nn.LayerNorm(embed_dim)\n"
                "        self.self_attn = MultiHeadAttention(embed_dim, num_heads)\n"
                "        self.norm2 = nn.LayerNorm(embed_dim)\n"
                "        self.linear1 = nn.Linear(embed_dim, 4 * embed_dim)\n"
                "        self.linear2 = nn.Linear(4 * embed_dim, embed_dim)"
            ),
            (
                "        self.ln_1 = nn.LayerNorm(embed_dim)\n"
                "        self.attn = MultiHeadAttention(embed_dim, num_heads)\n"
                "        self.ln_2 = nn.LayerNorm(embed_dim)\n"
                "        self.c_fc = nn.Linear(embed_dim, 4 * embed_dim)\n"
                "        self.c_proj = nn.Linear(4 * embed_dim, embed_dim)"
            ),
        ),
        (
            (
                "        x = x + self.self_attn(self.norm1(x), is_causal=True)\n"
                "        out: Tensor = x + self.linear2(F.gelu(self.linear1(self.norm2(x))))"
            ),
            (
                "        x = x + self.attn(self.ln_1(x), is_causal=True)\n"
                "        out: Tensor = x + self.c_proj(F.gelu(self.c_fc(self.ln_2(x))))"
            ),
        ),
    ],
)
