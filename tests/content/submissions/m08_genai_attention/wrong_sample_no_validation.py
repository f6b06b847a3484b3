"""Wrong: a temperature of 0 is not rejected: the logits become inf and NaN.

Fails: sample_next_seeded_and_validated
Says: temperature=0.0
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "    if temperature <= 0:\n",
            "    if temperature < 0:\n",
        ),
    ],
)
