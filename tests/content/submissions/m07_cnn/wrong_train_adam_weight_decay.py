"""Wrong: train uses Adam, whose weight_decay is added to the gradient (L2), instead of AdamW's
decoupled decay.

Fails: train_schedule
Says: weight decay
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        ("torch.optim.AdamW(", "torch.optim.Adam("),
    ],
)
