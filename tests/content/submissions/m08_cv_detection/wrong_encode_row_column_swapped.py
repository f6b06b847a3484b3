"""Wrong: the object goes to target[j, i]: row and column swapped.

Fails: encode_targets
Says: encode_targets(boxes, row i, column j
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-detection",
    globals(),
    replace=[("target[i, j, :5] = torch.tensor(", "target[j, i, :5] = torch.tensor(")],
)
