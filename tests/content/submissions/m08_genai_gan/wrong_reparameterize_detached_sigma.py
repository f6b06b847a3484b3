"""Wrong: (VAE) sigma is detached, so no gradient reaches logvar.

Fails: update_steps
Says: no gradient
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
            "return mu + torch.exp(0.5 * logvar).detach() * torch.randn_like(mu)",
        ),
    ],
)
