"""Wrong: (VAE) the history names the loss 'elbo' instead of 'loss'.

Fails: train_saves_its_figures
Says: 'loss'
"""

from __future__ import annotations

from tests.content.submissions._solution import run_alternative

run_alternative(
    "m08_genai_gan",
    "alt_vae",
    globals(),
    replace=[
        (
            'return {"loss": float(np.mean(losses)), "kl": float(np.mean(kls))}',
            'return {"elbo": float(np.mean(losses)), "kl": float(np.mean(kls))}',
        ),
    ],
)
