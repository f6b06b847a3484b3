"""Wrong: class_weights accepts labels without a class (and divides by zero).

Fails: weights
Says: ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        (
            "    if len(counts) != n_classes or np.any(counts == 0):\n",
            "    if len(counts) != n_classes:\n",
        ),
    ],
)
