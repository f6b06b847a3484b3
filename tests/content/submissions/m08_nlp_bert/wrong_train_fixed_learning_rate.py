"""Wrong: train_classifier ignores config.learning_rate.

Fails: trains
Says: learning_rate=0.0
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        ("lr=config.learning_rate", "lr=1e-4"),
    ],
)
