"""Wrong: the Dataset scales the caller's array in place.

Fails: dataset
Says: changed the images
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "pixels = torch.as_tensor(np.asarray(images), dtype=torch.float32)",
            (
                "images[...] = images // 2\n"
                "        pixels = torch.as_tensor(np.asarray(images) * 2, dtype=torch.float32)"
            ),
        ),
    ],
)
