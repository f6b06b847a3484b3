"""Wrong: the optimiser keeps Adam's default learning rate, whatever config.learning_rate says.

Fails: train_lstm_follows_config
Says: learning_rate=0.0, lr=config.learning_rate
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[
        (
            "torch.optim.Adam(model.parameters(), lr=config.learning_rate)",
            "torch.optim.Adam(model.parameters())",
        )
    ],
)
