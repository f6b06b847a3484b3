"""Wrong: the labels are float32 tensors, which F.cross_entropy reads as probabilities.

Fails: dataset
Says: int64
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "self.labels = torch.as_tensor(np.asarray(labels), dtype=torch.int64)",
            "self.labels = torch.as_tensor(np.asarray(labels), dtype=torch.float32)",
        ),
    ],
)
