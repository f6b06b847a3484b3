"""Wrong: the Config trains for 100 steps only: the GPT barely beats the bigram model.

Fails: gpt_beats_bigram
Says: gain_over_bigram, below the bar
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "    steps: int = 300\n",
            "    steps: int = 100\n",
        ),
    ],
)
