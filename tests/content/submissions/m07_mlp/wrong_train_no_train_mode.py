"""Wrong: model.train() is called once, before the first epoch; evaluate leaves the model in eval
mode for every later epoch.

Fails: train_loop
Says: model.train()
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "    for epoch in range(1, config.epochs + 1):\n        model.train()\n",
            "    model.train()\n    for epoch in range(1, config.epochs + 1):\n",
        ),
    ],
)
