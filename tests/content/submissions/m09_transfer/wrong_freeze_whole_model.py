"""Wrong: freeze_backbone freezes every parameter, the head's too.

Fails: freezing
Says: no longer require gradients
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer",
    globals(),
    replace=[
        ("for parameter in model.backbone.parameters():", "for parameter in model.parameters():")
    ],
)
