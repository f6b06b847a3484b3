"""Wrong: train evaluates the validation images once before training, as an epoch 0.

Fails: train_loop
Says: before the first training step
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "    for epoch in range(1, config.epochs + 1):\n",
            "    evaluate(model, valid_loader)\n    for epoch in range(1, config.epochs + 1):\n",
        ),
    ],
)
