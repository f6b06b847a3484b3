"""Wrong: train turns requires_grad back on for every parameter, so a frozen backbone trains.

Fails: training
Says: changed the frozen backbone
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer",
    globals(),
    replace=[
        (
            "    trainable = [p for p in model.parameters() if p.requires_grad]\n",
            "    model.requires_grad_(True)\n"
            "    trainable = [p for p in model.parameters() if p.requires_grad]\n",
        )
    ],
)
