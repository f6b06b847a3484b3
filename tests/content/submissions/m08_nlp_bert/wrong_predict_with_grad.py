"""Wrong: predict keeps gradients on.

Fails: predicts
Says: torch.no_grad()
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        ("    with torch.no_grad():\n        for start", "    if True:\n        for start"),
        (
            "predictions.append(model(**inputs).logits.argmax(dim=-1))",
            "predictions.append(model(**inputs).logits.argmax(dim=-1).detach())",
        ),
    ],
)
