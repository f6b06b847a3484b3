"""Wrong: the images are float64 tensors.

Fails: dataset
Says: float32
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "pixels = torch.as_tensor(np.asarray(images), dtype=torch.float32)",
            "pixels = torch.as_tensor(np.asarray(images), dtype=torch.float64)",
        ),
    ],
)
