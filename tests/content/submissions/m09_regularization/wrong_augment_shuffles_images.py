"""Wrong: augment returns the variants in a shuffled order while the labels stay in place:
images and labels no longer match.

Fails: augment_images
Says: nearer to their own image
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-regularization",
    globals(),
    replace=[
        (
            "    return padded[batch, channel, rows, cols], labels",
            (
                "    shuffled = torch.randperm(n, generator=generator)\n"
                "    return padded[batch, channel, rows, cols][shuffled], labels"
            ),
        ),
    ],
)
