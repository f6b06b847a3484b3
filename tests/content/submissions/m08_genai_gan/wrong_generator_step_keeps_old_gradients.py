"""Wrong: the generator step does not zero the gradients first.

Fails: update_steps
Says: zero the gradients
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-gan",
    globals(),
    replace=[
        (
            "    loss = generator_loss(discriminator(generator(z)))\n    optimizer.zero_grad()\n",
            "    loss = generator_loss(discriminator(generator(z)))\n",
        ),
    ],
)
