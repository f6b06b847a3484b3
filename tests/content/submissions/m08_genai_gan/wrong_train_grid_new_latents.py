"""Wrong: each grid draws new latent vectors instead of the fixed ones.

Fails: train_saves_its_figures
Says: grey levels
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-gan",
    globals(),
    replace=[
        ("save_grid(generator(latents)", "save_grid(generator(torch.randn_like(latents))"),
    ],
)
