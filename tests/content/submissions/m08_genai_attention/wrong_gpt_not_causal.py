"""Wrong: the blocks attend in both directions (is_causal=False): position t reads the token it
should predict.

Fails: gpt_is_causal
Says: looks ahead
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "x = x + self.self_attn(self.norm1(x), is_causal=True)",
            "x = x + self.self_attn(self.norm1(x))",
        ),
    ],
)
