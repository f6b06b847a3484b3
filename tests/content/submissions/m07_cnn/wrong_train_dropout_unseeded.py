"""Wrong: train seeds the shuffle and the augmentation but not dropout, which draws from the global
random state.

Fails: train_seeded
Says: different
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        ("    torch.manual_seed(config.seed)  # dropout draws from the global generator\n", ""),
    ],
)
