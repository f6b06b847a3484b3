"""Wrong: train_classifier leaves AdamW's weight decay at its default, whatever the Config says.

Fails: trains
Says: pass config.weight_decay to AdamW
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        (
            "lr=config.learning_rate, weight_decay=config.weight_decay",
            "lr=config.learning_rate",
        )
    ],
)
