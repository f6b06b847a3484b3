"""Generated scenes of shapes, as the m08-cv-detection brief draws them (its `make_scene`).

Each 32 x 32 grey image holds 1 or 2 shapes (0 square, 1 disc, 2 triangle) of half-size 3.5
to 6.5 pixels, each centred in its own cell of a 4 x 4 grid, bright (0.6 to 1.0) on a noisy
dark background (0.2, standard deviation 0.05). A ground truth is the dict the solution's
measures take: {"boxes": (n, 4) corners in pixels, "labels": (n,)}.
"""

from __future__ import annotations

from typing import Any

import numpy as np

IMAGE_SIZE = 32
GRID = 4
CLASSES = ("square", "disc", "triangle")
HALF_SIZE = (3.5, 6.5)


def make_scene(rng: np.random.Generator) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """One image (IMAGE_SIZE, IMAGE_SIZE) float32 and its ground truth."""
    cell = IMAGE_SIZE / GRID
    image = rng.normal(0.2, 0.05, size=(IMAGE_SIZE, IMAGE_SIZE))
    ys, xs = np.mgrid[0:IMAGE_SIZE, 0:IMAGE_SIZE] + 0.5  # pixel centres
    boxes, labels = [], []
    for place in rng.choice(GRID * GRID, size=int(rng.integers(1, 3)), replace=False):
        row, column = divmod(int(place), GRID)
        x = (column + rng.uniform(0.1, 0.9)) * cell
        y = (row + rng.uniform(0.1, 0.9)) * cell
        half, label = rng.uniform(*HALF_SIZE), int(rng.integers(len(CLASSES)))
        if label == 0:
            inside = (np.abs(xs - x) <= half) & (np.abs(ys - y) <= half)
        elif label == 1:
            inside = (xs - x) ** 2 + (ys - y) ** 2 <= half * half
        else:
            inside = (np.abs(ys - y) <= half) & (np.abs(xs - x) <= (ys - y + half) / 2)
        image[inside] = rng.uniform(0.6, 1.0)
        boxes.append(np.clip([x - half, y - half, x + half, y + half], 0, IMAGE_SIZE))
        labels.append(label)
    truth = {"boxes": np.array(boxes, dtype=np.float64), "labels": np.array(labels, np.int64)}
    return image.astype(np.float32), truth


def make_scenes(count: int, seed: int) -> tuple[np.ndarray, list[dict[str, Any]]]:
    """`count` scenes drawn with `seed`: images (count, 1, size, size) and ground truths."""
    rng = np.random.default_rng(seed)
    drawn = [make_scene(rng) for _ in range(count)]
    images = np.stack([image for image, _ in drawn])[:, None]
    return images, [truth for _, truth in drawn]
