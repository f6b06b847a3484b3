"""Wrong: sample_next takes the most likely token instead of drawing.

Fails: sample_next_distribution
Says: frequency
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "    return torch.multinomial(probs, 1, generator=generator).squeeze(-1)",
            "    return probs.argmax(dim=-1)",
        ),
    ],
)
