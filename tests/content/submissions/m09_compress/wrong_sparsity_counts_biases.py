"""Wrong: sparsity counts the biases with the weights.

Fails: counting
Says: sparsity
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            ("    weights = [layer.weight.detach() for layer in _linear_layers(model)]\n    zeros"),
            (
                "    weights = [p.detach() for layer in _linear_layers(model) for p in"
                " (layer.weight, layer.bias)]\n"
                "    zeros"
            ),
        ),
    ],
)
