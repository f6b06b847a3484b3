"""Wrong: pretrain returns a fresh model without training it: there is nothing to transfer.

Fails: transfer_bar
Says: source_accuracy
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer",
    globals(),
    replace=[
        (
            "    model = make_model(int(labels.max()) + 1)\n"
            "    train(model, images, labels, config)\n",
            "    model = make_model(int(labels.max()) + 1)\n",
        )
    ],
)
