"""Wrong: the discriminator labels real images 0 and generated ones 1.

Fails: losses_match
Says: real labelled 1
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-gan",
    globals(),
    replace=[
        (
            "F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))",
            "F.binary_cross_entropy_with_logits(real_logits, torch.zeros_like(real_logits))",
        ),
        (
            "F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))",
            "F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))",
        ),
    ],
)
