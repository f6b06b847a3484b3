"""The image data sets of the CNN projects, from the data set registry, as uint8 arrays.

Fashion-MNIST ships offline (the Debian package `dataset-fashion-mnist`, or a download);
CIFAR-10 has no offline provider, so where it is absent the run stops at once with one
line saying how to get it, rather than starting a 163 MiB download in the middle of a run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from airoadmap.errors import AiroadmapError, DatasetError

DATA = ("fashion-mnist", "cifar-10")

CIFAR10_MISSING = (
    "CIFAR-10 is not on this machine: run `airoadmap data fetch cifar-10` (a 163 MiB download "
    "checked against its published md5), or set AIROADMAP_CIFAR10_DIR to a folder holding the "
    "extracted cifar-10-batches-py."
)


@dataclass(frozen=True)
class ImageData:
    """A data set's official train and test splits: uint8 images (N, H, W) or (N, H, W, C)
    and int64 labels, with the class names in label order."""

    name: str
    title: str
    classes: tuple[str, ...]
    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray

    @property
    def channels(self) -> int:
        return 1 if self.train_images.ndim == 3 else int(self.train_images.shape[-1])

    @property
    def size(self) -> tuple[int, int]:
        """(height, width) of an image."""
        return int(self.train_images.shape[1]), int(self.train_images.shape[2])


def check_name(data: str) -> str:
    """`data` if the CNN projects know it; else one clear error."""
    if data not in DATA:
        raise AiroadmapError(
            f"--data {data!r} is not an image data set of this project: "
            "use fashion-mnist or cifar-10."
        )
    return data


def load_images(data: str) -> ImageData:
    """Both official splits of `data` ("fashion-mnist" or "cifar-10") from the registry."""
    from airoadmap.datasets import get_spec, load_arrays, status

    check_name(data)
    if data == "cifar-10" and not status(data).available:
        raise DatasetError(CIFAR10_MISSING)
    spec = get_spec(data)
    X_train, y_train = load_arrays(data, split="train")
    X_test, y_test = load_arrays(data, split="test")
    classes = tuple(spec.classes) if spec.classes else tuple(str(c) for c in range(10))
    return ImageData(data, spec.title, classes, X_train, y_train, X_test, y_test)
