"""Wrong: train clears the gradients between backward() and step(), so every step is
taken with zero gradients and the model never learns.

Fails: training
Says: the loss must fall
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer",
    globals(),
    replace=[
        (
            "            loss.backward()\n            optimizer.step()\n",
            "            loss.backward()\n"
            "            optimizer.zero_grad()\n"
            "            optimizer.step()\n",
        )
    ],
)
