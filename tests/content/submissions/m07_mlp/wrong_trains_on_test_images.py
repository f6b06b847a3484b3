"""Wrong: train loads the Fashion-MNIST test images itself and trains on them too.

Fails: train_loop
Says: read the Fashion-MNIST data set itself
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions._solution import run_solution

run_solution("m07-mlp", globals())
_train = train  # noqa: F821 - defined by the solution


def train(model, images, labels, config):
    from airoadmap.datasets import load_arrays

    test_images, test_labels = load_arrays("fashion-mnist", split="test")
    more_images = np.concatenate([images, test_images])
    more_labels = np.concatenate([labels, test_labels])
    return _train(model, more_images, more_labels, config)
