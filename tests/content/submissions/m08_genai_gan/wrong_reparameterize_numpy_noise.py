"""Wrong: (VAE) the noise comes from NumPy's global generator, which torch's seed does not reach.

Fails: update_steps
Says: torch.manual_seed
"""

from __future__ import annotations

from tests.content.submissions._solution import run_alternative

run_alternative(
    "m08_genai_gan",
    "alt_vae",
    globals(),
    replace=[
        ("* torch.randn_like(mu)", "* torch.from_numpy(np.random.randn(*mu.shape)).float()"),
    ],
)
