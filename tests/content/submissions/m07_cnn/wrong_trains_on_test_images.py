"""Wrong: train loads the Fashion-MNIST test images itself and trains on them too, normalised
like the images it was given.

Fails: accuracy_bar
Says: read the Fashion-MNIST data set itself
"""

from __future__ import annotations

import torch
from tests.content.submissions._solution import run_solution

run_solution("m07-cnn", globals())
_train = train  # noqa: F821 - defined by the solution


def train(model, images, labels, config, *, device="cpu", on_epoch=None):
    from airoadmap.datasets import load_arrays

    test_images, test_labels = load_arrays("fashion-mnist", split="test")
    more_images = torch.cat([images, normalize(test_images)])  # noqa: F821
    more_labels = torch.cat([labels, torch.as_tensor(test_labels)])
    return _train(model, more_images, more_labels, config, device=device, on_epoch=on_epoch)
