"""Wrong: the network's inputs are the scaled levels of the window, not its changes.

Fails: network_tensors
Says: network_inputs, np.diff
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[
        (
            "changes = scaler.transform(np.diff(inputs, axis=1))",
            "changes = scaler.transform(np.asarray(inputs, dtype=np.float64)[:, 1:])",
        )
    ],
)
