"""Wrong: the linear layer reads the 7x7 feature map of a 28x28 image directly, without adaptive
pooling: a 32x32 image gives 8x8 and the layer does not fit.

Fails: model_shapes
Says: AdaptiveAvgPool2d
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        ("        nn.AdaptiveAvgPool2d(7),\n", ""),
    ],
)
