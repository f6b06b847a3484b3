"""Wrong: params_of rebuilds the hidden layer and drops the other tuned parameters, so the
refitted model trains with the default learning rate, weight decay and batch size.

Fails: test_accuracy
Says: test_accuracy
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-tuning",
    globals(),
    replace=[
        (
            "    return params\n",
            '    return {"hidden_layer_sizes": params["hidden_layer_sizes"]}\n',
            1,
        ),
    ],
)
