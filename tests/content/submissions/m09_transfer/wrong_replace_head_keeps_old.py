"""Wrong: replace_head keeps the pretrained head when it already has the right number of
outputs, so the new task starts from the old classes' weights.

Fails: head_replaced
Says: freshly initialised head
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer",
    globals(),
    replace=[
        (
            "    new.head = nn.Linear(model.head.in_features, num_classes)\n",
            "    if model.head.out_features != num_classes:\n"
            "        new.head = nn.Linear(model.head.in_features, num_classes)\n",
        )
    ],
)
