"""Wrong: (VAE) exp(logvar), the variance, is used as the standard deviation.

Fails: update_steps
Says: d sum(z) / d logvar
"""

from __future__ import annotations

from tests.content.submissions._solution import run_alternative

run_alternative(
    "m08_genai_gan",
    "alt_vae",
    globals(),
    replace=[
        (
            "return mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)",
            "return mu + torch.exp(logvar) * torch.randn_like(mu)",
        ),
    ],
)
