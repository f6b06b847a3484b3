"""Wrong: the score is the objectness alone, not times the class probability.

Fails: decode
Says: decode(raw outputs, the scores, sigmoid(t0) * softmax
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-detection",
    globals(),
    replace=[
        (
            "score = torch.sigmoid(values[..., 0]) * probability",
            "score = torch.sigmoid(values[..., 0])",
        )
    ],
)
