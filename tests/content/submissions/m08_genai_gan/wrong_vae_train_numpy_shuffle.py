"""Wrong: (VAE) the batches are shuffled with NumPy's unseeded global generator.

Fails: train_is_seeded
Says: same Config
"""

from __future__ import annotations

from tests.content.submissions._solution import run_alternative

run_alternative(
    "m08_genai_gan",
    "alt_vae",
    globals(),
    replace=[
        ("x[torch.randperm(len(x))]", "x[torch.from_numpy(np.random.permutation(len(x)))]"),
    ],
)
