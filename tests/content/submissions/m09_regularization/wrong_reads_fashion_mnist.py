"""Wrong: the module loads Fashion-MNIST itself when imported (the test images with it).

Fails: augment_images
Says: read the Fashion-MNIST data set itself
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-regularization",
    globals(),
    replace=[
        (
            "HIDDEN = 128 ",
            (
                "from airoadmap.datasets import load_arrays\n"
                "\n"
                'X_ALL, Y_ALL = load_arrays("fashion-mnist", split="test")\n'
                "HIDDEN = 128 "
            ),
        ),
    ],
)
