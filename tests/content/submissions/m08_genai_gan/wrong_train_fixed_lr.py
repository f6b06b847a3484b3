"""Wrong: the optimizers ignore config.lr.

Fails: train_is_seeded
Says: config.lr
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-gan",
    globals(),
    replace=[
        ("lr=config.lr, betas=(0.5, 0.999)", "lr=2e-3, betas=(0.5, 0.999)", 2),
    ],
)
