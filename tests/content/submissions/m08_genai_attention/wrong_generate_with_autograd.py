"""Wrong: generate runs the model with autograd on.

Fails: generate
Says: autograd
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            ("@torch.no_grad()\ndef generate("),
            "def generate(",
        ),
    ],
)
