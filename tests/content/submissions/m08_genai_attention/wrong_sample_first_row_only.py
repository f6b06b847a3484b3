"""Wrong: every row is drawn from the first row's probabilities.

Fails: sample_next_distribution
Says: from the odd rows
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "    return torch.multinomial(probs, 1, generator=generator).squeeze(-1)",
            (
                "    return torch.multinomial(probs[0], len(probs), replacement=True, gener"
                "ator=generator)"
            ),
        ),
    ],
)
