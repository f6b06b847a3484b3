"""Wrong: the output layer is followed by ReLU, so no logit can be negative.

Fails: model
Says: no negative output, raw logits
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "return nn.Sequential(*modules[:-2])",
            "return nn.Sequential(*modules[:-1])",
        ),
    ],
)
