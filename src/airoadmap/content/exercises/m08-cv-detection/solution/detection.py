"""Object detection from scratch: IoU, non-maximum suppression, mean average precision, and a
tiny YOLO-style grid detector trained on images of shapes. Read brief.md first.

Boxes are float arrays (n, 4) of corners (x1, y1, x2, y2) in pixels, x to the right, y down.
A detection result or a ground truth is one dict per image, as torchmetrics takes them:
{"boxes": (n, 4), "scores": (n,), "labels": (n,)} (the ground truths have no "scores").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch import nn

Array = np.ndarray[Any, np.dtype[np.float64]]
Index = np.ndarray[Any, np.dtype[np.int64]]
Result = Mapping[str, Any]

IMAGE_SIZE = 32  # pixels a side
GRID = 4  # cells a side: each cell is IMAGE_SIZE // GRID pixels
NUM_CLASSES = 3  # 0 square, 1 disc, 2 triangle
INTERPOLATIONS = ("all", "coco")


# --- part 1: the measures --------------------------------------------------------------------


def _as_boxes(boxes: Any, name: str) -> Array:
    """`boxes` as a float (n, 4) array of corners, or a ValueError that says what is wrong."""
    array = np.asarray(boxes, dtype=np.float64)
    if array.ndim != 2 or array.shape[1] != 4:
        raise ValueError(f"{name}: expected boxes of shape (n, 4), got {array.shape}")
    if np.any(array[:, 2] < array[:, 0]) or np.any(array[:, 3] < array[:, 1]):
        raise ValueError(f"{name}: a box has x2 < x1 or y2 < y1; boxes are (x1, y1, x2, y2)")
    return array


def iou(boxes_a: Any, boxes_b: Any) -> Array:
    """The intersection over union of every box of `boxes_a` (n, 4) with every box of
    `boxes_b` (m, 4): an (n, m) array; 0 where the union is empty."""
    a, b = _as_boxes(boxes_a, "iou"), _as_boxes(boxes_b, "iou")
    top_left = np.maximum(a[:, None, :2], b[None, :, :2])
    bottom_right = np.minimum(a[:, None, 2:], b[None, :, 2:])
    sides = np.clip(bottom_right - top_left, 0.0, None)
    inter = sides[..., 0] * sides[..., 1]
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    union = area_a[:, None] + area_b[None, :] - inter
    # Where the union is empty, so is the intersection: 0 / 1 gives those pairs 0.
    return inter / np.where(union > 0, union, 1.0)


def nms(boxes: Any, scores: Any, iou_threshold: float) -> Index:
    """Greedy non-maximum suppression: the indices of the boxes kept, by decreasing score.

    The best box is kept and every box overlapping it by an IoU above `iou_threshold` goes;
    then the same with the best box left, until none is left.
    """
    array = _as_boxes(boxes, "nms")
    score = np.asarray(scores, dtype=np.float64).reshape(-1)
    if len(score) != len(array):
        raise ValueError(f"nms: {len(array)} boxes but {len(score)} scores: one score per box")
    order = np.argsort(-score, kind="stable")
    overlaps = iou(array, array)
    kept: list[int] = []
    alive = np.ones(len(array), dtype=bool)
    for i in order:
        if alive[i]:
            kept.append(int(i))
            alive &= overlaps[i] <= iou_threshold
    return np.array(kept, dtype=np.int64)


def _matches(
    detections: Sequence[Result], truths: Sequence[Result], label: int, iou_threshold: float
) -> tuple[Array, Array, int]:
    """Every detection of `label`: its score and whether it matched a ground truth box
    (COCO's greedy rule, image by image); and the number of ground truth boxes of `label`."""
    scores: list[Array] = []
    hits: list[Array] = []
    total = 0
    for found, truth in zip(detections, truths, strict=True):
        true_boxes = _as_boxes(truth["boxes"], "average_precision")
        true_boxes = true_boxes[np.asarray(truth["labels"]).reshape(-1) == label]
        total += len(true_boxes)
        mine = np.asarray(found["labels"]).reshape(-1) == label
        boxes = _as_boxes(found["boxes"], "average_precision")[mine]
        score = np.asarray(found["scores"], dtype=np.float64).reshape(-1)[mine]
        order = np.argsort(-score, kind="stable")
        overlaps = iou(boxes[order], true_boxes)
        taken = np.zeros(len(true_boxes), dtype=bool)
        hit = np.zeros(len(order), dtype=np.float64)
        for d in range(len(order)):
            candidates = np.where(taken, -1.0, overlaps[d])
            if candidates.size and candidates.max() >= iou_threshold:
                taken[int(candidates.argmax())] = True
                hit[d] = 1.0
        scores.append(score[order])
        hits.append(hit)
    return np.concatenate([np.zeros(0), *scores]), np.concatenate([np.zeros(0), *hits]), total


def average_precision(
    detections: Sequence[Result],
    truths: Sequence[Result],
    label: int,
    *,
    iou_threshold: float = 0.5,
    interpolation: str = "all",
) -> float:
    """The average precision of class `label` over the images: the area under its
    precision-recall curve, precision made non-increasing from the right.

    interpolation "all" integrates at every recall reached (VOC 2010 on); "coco" averages the
    precision at the 101 recall levels 0, 0.01, ..., 1 (pycocotools).
    """
    if interpolation not in INTERPOLATIONS:
        raise ValueError(
            f"average_precision: unknown interpolation {interpolation!r}; use 'all' or 'coco'"
        )
    if len(detections) != len(truths):
        raise ValueError(
            f"average_precision: {len(detections)} detection results but {len(truths)} ground "
            "truths: give one of each per image"
        )
    scores, hits, total = _matches(detections, truths, label, iou_threshold)
    if total == 0:
        raise ValueError(f"average_precision: no ground truth box of label {label}")
    order = np.argsort(-scores, kind="stable")
    true_positives = np.cumsum(hits[order])
    recall = true_positives / total
    precision = true_positives / np.arange(1, len(order) + 1)
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    if interpolation == "coco":
        levels = np.linspace(0.0, 1.0, 101)
        reached = np.searchsorted(recall, levels, side="left")
        padded = np.append(envelope, 0.0)
        return float(padded[reached].mean())
    steps = np.diff(recall, prepend=0.0)
    return float(np.sum(steps * envelope))


def mean_average_precision(
    detections: Sequence[Result],
    truths: Sequence[Result],
    *,
    iou_threshold: float = 0.5,
    interpolation: str = "all",
) -> float:
    """The mean of `average_precision` over the labels that have a ground truth box."""
    labels = sorted({int(k) for truth in truths for k in np.asarray(truth["labels"]).ravel()})
    if not labels:
        raise ValueError("mean_average_precision: the ground truths hold no box")
    return float(
        np.mean(
            [
                average_precision(
                    detections,
                    truths,
                    label,
                    iou_threshold=iou_threshold,
                    interpolation=interpolation,
                )
                for label in labels
            ]
        )
    )


# --- part 2: the grid detector -----------------------------------------------------------------


def encode_targets(
    boxes: Any,
    labels: Any,
    *,
    grid: int = GRID,
    image_size: int = IMAGE_SIZE,
    num_classes: int = NUM_CLASSES,
) -> torch.Tensor:
    """The training target of one image, float32 (grid, grid, 5 + num_classes).

    The cell (row i, column j) holding an object's centre gets objectness 1, the centre's
    offset inside the cell (x / cell - j, y / cell - i), the box's width and height over the
    image size, and the one-hot class; every other cell is all zeros.
    """
    array = _as_boxes(boxes, "encode_targets")
    classes = np.asarray(labels, dtype=np.int64).reshape(-1)
    cell = image_size / grid
    target = torch.zeros(grid, grid, 5 + num_classes)
    for (x1, y1, x2, y2), label in zip(array, classes, strict=True):
        x, y = (x1 + x2) / 2, (y1 + y2) / 2
        j, i = int(x // cell), int(y // cell)
        if target[i, j, 0] == 1:
            raise ValueError(
                f"encode_targets: two objects have their centre in the cell (row {i}, column "
                f"{j}); a grid detector predicts one object per cell"
            )
        target[i, j, :5] = torch.tensor(
            [1.0, x / cell - j, y / cell - i, (x2 - x1) / image_size, (y2 - y1) / image_size]
        )
        target[i, j, 5 + int(label)] = 1.0
    return target


def decode(
    output: torch.Tensor,
    *,
    image_size: int = IMAGE_SIZE,
    score_threshold: float = 0.05,
    iou_threshold: float = 0.5,
) -> dict[str, Array | Index]:
    """The detections of one image from the network's raw output (grid, grid, 5 + classes).

    Each cell gives a box: centre ((j + sigmoid(t1)) * cell, (i + sigmoid(t2)) * cell), width
    and height sigmoid(t3) and sigmoid(t4) times the image size; its label is the most
    probable class (softmax) and its score sigmoid(t0) times that probability. Boxes scoring
    below `score_threshold` go, then `nms` runs within each label.
    """
    values = output.detach().double()
    grid = values.shape[0]
    cell = image_size / grid
    rows, columns = torch.meshgrid(torch.arange(grid), torch.arange(grid), indexing="ij")
    x = (columns + torch.sigmoid(values[..., 1])) * cell
    y = (rows + torch.sigmoid(values[..., 2])) * cell
    width = torch.sigmoid(values[..., 3]) * image_size
    height = torch.sigmoid(values[..., 4]) * image_size
    probability, label = torch.softmax(values[..., 5:], dim=-1).max(dim=-1)
    score = torch.sigmoid(values[..., 0]) * probability
    corners = torch.stack([x - width / 2, y - height / 2, x + width / 2, y + height / 2], -1)
    boxes = corners.reshape(-1, 4).numpy()
    scores = score.reshape(-1).numpy()
    labels = label.reshape(-1).numpy().astype(np.int64)
    keep = np.flatnonzero(scores >= score_threshold)
    chosen: list[int] = []
    for k in np.unique(labels[keep]):
        mine = keep[labels[keep] == k]
        chosen.extend(mine[nms(boxes[mine], scores[mine], iou_threshold)])
    index = np.array(chosen, dtype=np.int64)
    return {"boxes": boxes[index], "scores": scores[index], "labels": labels[index]}


class GridDetector(nn.Module):
    """Three convolution blocks down to the grid, then 5 + classes numbers per cell."""

    def __init__(self, num_classes: int = NUM_CLASSES, channels: int = 32) -> None:
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, channels // 2, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(channels // 2, channels, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(channels, channels, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
        )
        self.head = nn.Conv2d(channels, 5 + num_classes, 1)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        """images (batch, 1, size, size) -> raw outputs (batch, grid, grid, 5 + classes)."""
        return self.head(self.features(images)).permute(0, 2, 3, 1)


def detection_loss(output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Objectness (binary cross-entropy) on every cell; the box (squared error of the
    sigmoids) and the class (cross-entropy) on the cells that hold an object."""
    objects = target[..., 0] > 0
    loss = nn.functional.binary_cross_entropy_with_logits(output[..., 0], target[..., 0])
    if objects.any():
        box = torch.sigmoid(output[..., 1:5][objects])
        loss = loss + 5.0 * (box - target[..., 1:5][objects]).pow(2).sum(-1).mean()
        classes = target[..., 5:][objects].argmax(-1)
        loss = loss + nn.functional.cross_entropy(output[..., 5:][objects], classes)
    return loss


@dataclass(frozen=True)
class Config:
    """How train_detector trains."""

    epochs: int = 10
    batch_size: int = 32
    learning_rate: float = 3e-3
    seed: int = 0


def train_detector(images: torch.Tensor, targets: torch.Tensor, config: Config) -> GridDetector:
    """A new GridDetector trained with Adam on `images` (n, 1, size, size) and their
    `targets` (n, grid, grid, 5 + classes) in shuffled mini-batches; returned in eval mode.
    The same data and config.seed give the same network."""
    torch.manual_seed(config.seed)
    model = GridDetector(num_classes=targets.shape[-1] - 5)
    optimizer = torch.optim.Adam(model.parameters(), lr=config.learning_rate)
    order = torch.Generator().manual_seed(config.seed)
    model.train()
    for _ in range(config.epochs):
        for batch in torch.randperm(len(images), generator=order).split(config.batch_size):
            optimizer.zero_grad()
            detection_loss(model(images[batch]), targets[batch]).backward()
            optimizer.step()
    return model.eval()


def detect(
    model: nn.Module, images: torch.Tensor, *, score_threshold: float = 0.05
) -> list[dict[str, Array | Index]]:
    """The detections of each image (n, 1, size, size), in pixels: one dict per image."""
    model.eval()
    with torch.no_grad():
        outputs = model(images)
    size = images.shape[-1]
    return [decode(out, image_size=size, score_threshold=score_threshold) for out in outputs]
