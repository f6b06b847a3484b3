"""Wrong: the generator ends with tanh, images in [-1, 1] instead of [0, 1].

Fails: generator_maps_latents
Says: in [0, 1]
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-gan",
    globals(),
    replace=[
        ("nn.Sigmoid()", "nn.Tanh()"),
    ],
)
