"""Wrong: count_parameters counts the weights and forgets the biases.

Fails: parameters
Says: count_parameters, biases
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "return sum(n_in * n_out + n_out for",
            "return sum(n_in * n_out for",
        ),
    ],
)
