"""Wrong: a GPT whose blocks attend both ways: its validation loss is tiny and means nothing
(Config with 20 steps, so that it is quick).

Fails: gpt_beats_bigram
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
        (
            "    steps: int = 300\n",
            "    steps: int = 20\n",
        ),
    ],
)
