"""Wrong: train_classifier trains a copy and returns it, not the model it was given.

Fails: trains
Says: return it
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        (
            "    loss_fn = nn.CrossEntropyLoss(",
            '    model = __import__("copy").deepcopy(model)\n    loss_fn = nn.CrossEntropyLoss(',
        ),
    ],
)
