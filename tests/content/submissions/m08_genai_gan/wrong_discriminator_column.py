"""Wrong: the discriminator returns a column (B, 1) of logits, not (B,).

Fails: generator_maps_latents
Says: one logit per image
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-gan",
    globals(),
    replace=[
        (
            "        nn.Linear(32 * 7 * 7, 1),\n        nn.Flatten(0),\n",
            "        nn.Linear(32 * 7 * 7, 1),\n",
        ),
    ],
)
