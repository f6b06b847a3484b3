"""Wrong: prune_global prunes the biases with the weights.

Fails: pruning
Says: prune_global
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            '    weights = [(layer, "weight") for layer in _linear_layers(pruned)]\n',
            (
                "    weights = [(layer, n) for layer in _linear_layers(pruned) for n"
                ' in ("weight", "bias")]\n'
            ),
        ),
    ],
)
