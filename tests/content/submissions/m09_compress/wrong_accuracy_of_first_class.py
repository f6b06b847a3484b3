"""Wrong: accuracy counts the images of label 0 that the model calls 0, over all images.

Fails: measuring
Says: accuracy
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            "return float((logits.argmax(dim=1).numpy() == np.asarray(labels)).mean())",
            (
                "return float(((logits.argmax(dim=1).numpy() == 0) &"
                " (np.asarray(labels) == 0)).mean())"
            ),
        ),
    ],
)
