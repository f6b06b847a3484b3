"""Wrong: (VAE) the reconstruction term is the mean over the pixels, not their sum.

Fails: losses_match
Says: summed over the 784 pixels
"""

from __future__ import annotations

from tests.content.submissions._solution import run_alternative

run_alternative(
    "m08_genai_gan",
    "alt_vae",
    globals(),
    replace=[
        (
            'F.binary_cross_entropy(recon, x, reduction="sum") / x.shape[0]',
            "F.binary_cross_entropy(recon, x)",
        ),
    ],
)
