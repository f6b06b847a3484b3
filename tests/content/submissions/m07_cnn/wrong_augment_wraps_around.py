"""Wrong: the shift wraps around (circular padding, as torch.roll does) instead of filling zeros.

Fails: augment_ops
Says: zeros filled in
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        (
            "    padded = F.pad(batch, (padding, padding, padding, padding))\n",
            "    padded = F.pad(batch, (padding, padding, padding, padding), mode='circular')\n",
        ),
    ],
)
