"""Wrong: (VAE) the forward pass returns the reconstructions and mu only.

Fails: generator_maps_latents
Says: (reconstructions, mu, logvar)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_alternative

run_alternative(
    "m08_genai_gan",
    "alt_vae",
    globals(),
    replace=[
        (
            "return self.decoder(reparameterize(mu, logvar)), mu, logvar",
            "return self.decoder(reparameterize(mu, logvar)), mu",
        ),
    ],
)
