"""Wrong: train zeroes the gradients between backward() and step(): the optimizer never sees a
gradient.

Fails: train_learns
Says: loss
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        (
            "            optimizer.zero_grad(set_to_none=True)\n            loss.backward()\n",
            "            loss.backward()\n            optimizer.zero_grad(set_to_none=True)\n",
        ),
    ],
)
