"""Wrong: evaluate averages the batch means, weighting the small last batch like a full one.

Fails: evaluate
Says: batch means
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            'total_loss += F.cross_entropy(logits, labels, reduction="sum").item()',
            (
                "batch_mean = F.cross_entropy(logits, labels).item()\n"
                "        total_loss += batch_mean * len(loader.dataset) / len(loader)"
            ),
        ),
    ],
)
