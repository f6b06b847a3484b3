"""Wrong: the draws come from the global generator, whatever generator is given.

Fails: sample_next_seeded_and_validated
Says: generator=generator
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "    return torch.multinomial(probs, 1, generator=generator).squeeze(-1)",
            "    return torch.multinomial(probs, 1).squeeze(-1)",
        ),
    ],
)
