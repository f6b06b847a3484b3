"""Wrong: sparsity_curve scores the float model, not the pruned copy.

Fails: curve
Says: accuracy
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            '"accuracy": accuracy(pruned, inputs, labels)',
            '"accuracy": accuracy(model, inputs, labels)',
        ),
    ],
)
