"""Wrong: every Linear layer of the model lacks its bias, which count_parameters counts.

Fails: parameters
Says: sum of p.numel()
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "modules += [nn.Linear(n_in, n_out), nn.ReLU(), nn.Dropout(dropout)]",
            "modules += [nn.Linear(n_in, n_out, bias=False), nn.ReLU(), nn.Dropout(dropout)]",
        ),
    ],
)
