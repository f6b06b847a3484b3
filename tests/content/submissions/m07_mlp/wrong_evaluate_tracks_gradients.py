"""Wrong: evaluate runs without torch.no_grad().

Fails: evaluate
Says: torch.no_grad()
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "@torch.no_grad()\ndef evaluate",
            "def evaluate",
        ),
        (
            'total_loss += F.cross_entropy(logits, labels, reduction="sum").item()',
            'total_loss += F.cross_entropy(logits.detach(), labels, reduction="sum").item()',
        ),
    ],
)
