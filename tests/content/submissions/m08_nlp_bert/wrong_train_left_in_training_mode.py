"""Wrong: train_classifier returns the model in training mode.

Fails: trains
Says: eval mode
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        ("    return model.eval()", "    return model"),
    ],
)
