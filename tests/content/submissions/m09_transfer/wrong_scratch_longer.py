"""Wrong: from scratch gets twice the epochs, "to be fair": not the same budget.

Fails: fine_tuning
Says: the same budget for each
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer",
    globals(),
    replace=[
        (
            "        model = make_model(num_classes)\n",
            "        model = make_model(num_classes)\n"
            "        config = TrainConfig(\n"
            "            2 * config.epochs, config.batch_size, config.lr, config.seed\n"
            "        )\n",
        )
    ],
)
