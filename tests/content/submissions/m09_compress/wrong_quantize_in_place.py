"""Wrong: quantize converts the model it is given, in place.

Fails: quantizing
Says: changed the model
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            "copy.deepcopy(model).eval(), {nn.Linear}, dtype=torch.qint8\n",
            "model.eval(), {nn.Linear}, dtype=torch.qint8, inplace=True\n",
        ),
    ],
)
