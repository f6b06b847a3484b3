"""Wrong: predict leaves the model in training mode: dropout makes it random.

Fails: predicts
Says: training mode, model.eval()
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        ("    model.eval()\n    predictions = []", "    predictions = []"),
    ],
)
