"""Wrong: (VAE) the KL term is subtracted from the reconstruction loss.

Fails: losses_match
Says: plus the KL term
"""

from __future__ import annotations

from tests.content.submissions._solution import run_alternative

run_alternative(
    "m08_genai_gan",
    "alt_vae",
    globals(),
    replace=[
        (
            "return reconstruction + kl_divergence(mu, logvar)",
            "return reconstruction - kl_divergence(mu, logvar)",
        ),
    ],
)
