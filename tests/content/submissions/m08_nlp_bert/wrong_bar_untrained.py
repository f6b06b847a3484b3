"""Wrong: train_classifier returns the model untouched: its new head is random.

Fails: beats_tfidf
Says: accuracy_over_tfidf
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        (
            "    loss_fn = nn.CrossEntropyLoss(",
            "    return model.eval()\n    loss_fn = nn.CrossEntropyLoss(",
        ),
    ],
)
