"""Wrong: the optimiser's learning rate is fixed at 0.01, whatever the Config says.

Fails: train_follows_config
Says: learning_rate=0.0
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "optimizer = torch.optim.AdamW(model.parameters(), lr=config.learning_rate)",
            "optimizer = torch.optim.AdamW(model.parameters(), lr=0.01)",
        ),
    ],
)
