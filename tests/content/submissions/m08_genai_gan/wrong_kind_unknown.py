"""Wrong: KIND names a model the exercise does not offer.

Fails: generator_maps_latents
Says: 'gan' or 'vae'
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-gan",
    globals(),
    replace=[
        ('KIND: Literal["gan", "vae"] = "gan"', 'KIND = "diffusion"'),
    ],
)
