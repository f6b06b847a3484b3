"""Wrong: sparsity_curve always prunes half of the weights, whatever the amount.

Fails: curve
Says: sparsity
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            "pruned = prune_global(model, amount)\n",
            "pruned = prune_global(model, 0.5)\n",
        ),
    ],
)
