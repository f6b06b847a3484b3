"""Wrong: train_classifier seeds neither dropout nor the batch order.

Fails: trains
Says: two different models, torch.Generator
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        ("    torch.manual_seed(config.seed)\n    order", "    order"),
        ("torch.Generator().manual_seed(config.seed)", "None"),
    ],
)
