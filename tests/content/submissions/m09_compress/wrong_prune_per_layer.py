"""Wrong: prune_global zeroes the same share of each layer (local pruning), not the smallest
weights overall.

Fails: pruning
Says: ALL layers
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            (
                "    prune.global_unstructured(weights,"
                " pruning_method=prune.L1Unstructured, amount=amount)\n"
            ),
            (
                "    for layer, name in weights:\n"
                "        prune.l1_unstructured(layer, name, amount=amount)\n"
            ),
        ),
    ],
)
