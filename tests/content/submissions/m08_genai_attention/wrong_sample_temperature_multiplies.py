"""Wrong: the logits are multiplied by the temperature instead of divided.

Fails: sample_next_distribution
Says: temperature=0.5
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "    scaled = logits / temperature\n",
            "    scaled = logits * temperature\n",
        ),
    ],
)
