"""Wrong: the original minimax generator loss log(1 - D(G(z))), which saturates.

Fails: losses_match
Says: non-saturating
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-gan",
    globals(),
    replace=[
        ("torch.ones_like(fake_logits))", "torch.zeros_like(fake_logits)).neg()"),
    ],
)
