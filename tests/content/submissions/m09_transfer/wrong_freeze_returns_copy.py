"""Wrong: freeze_backbone freezes a copy and returns it, leaving the model it was given
trainable.

Fails: freezing
Says: return the model it froze
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer",
    globals(),
    replace=[
        (
            "    for parameter in model.backbone.parameters():\n",
            "    model = copy.deepcopy(model)\n    for parameter in model.backbone.parameters():\n",
        )
    ],
)
