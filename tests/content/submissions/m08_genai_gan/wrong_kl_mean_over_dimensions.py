"""Wrong: (VAE) the KL term averages over the latent dimensions instead of summing.

Fails: losses_match
Says: summed over the latent dimensions
"""

from __future__ import annotations

from tests.content.submissions._solution import run_alternative

run_alternative(
    "m08_genai_gan",
    "alt_vae",
    globals(),
    replace=[
        ("logvar.exp()).sum(dim=1)", "logvar.exp()).mean(dim=1)"),
    ],
)
