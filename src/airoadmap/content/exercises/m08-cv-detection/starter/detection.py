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


def iou(boxes_a: Any, boxes_b: Any) -> Array:
    """The intersection over union of every box of `boxes_a` (n, 4) with every box of
    `boxes_b` (m, 4): an (n, m) array; 0 where the union is empty."""
    raise NotImplementedError("iou: the intersection over union of every pair of boxes")


def nms(boxes: Any, scores: Any, iou_threshold: float) -> Index:
    """Greedy non-maximum suppression: the indices of the boxes kept, by decreasing score.

    The best box is kept and every box overlapping it by an IoU above `iou_threshold` goes;
    then the same with the best box left, until none is left.
    """
    raise NotImplementedError("nms: keep the best box, drop the boxes overlapping it, repeat")


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
    raise NotImplementedError("average_precision: match, rank, then the area under the curve")


def mean_average_precision(
    detections: Sequence[Result],
    truths: Sequence[Result],
    *,
    iou_threshold: float = 0.5,
    interpolation: str = "all",
) -> float:
    """The mean of `average_precision` over the labels that have a ground truth box."""
    raise NotImplementedError("mean_average_precision: the mean AP over the labels")


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
    raise NotImplementedError("encode_targets: put each object in the cell of its centre")


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
    raise NotImplementedError("decode: scored boxes from the raw outputs, then NMS per label")


class GridDetector(nn.Module):
    """Three convolution blocks down to the grid, then 5 + classes numbers per cell."""

    def __init__(self, num_classes: int = NUM_CLASSES, channels: int = 32) -> None:
        super().__init__()
        raise NotImplementedError("GridDetector: the layers, 1 channel in, 5 + classes out")

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        """images (batch, 1, size, size) -> raw outputs (batch, grid, grid, 5 + classes)."""
        raise NotImplementedError("forward: images to (batch, grid, grid, 5 + classes)")


def detection_loss(output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Objectness (binary cross-entropy) on every cell; the box (squared error of the
    sigmoids) and the class (cross-entropy) on the cells that hold an object."""
    raise NotImplementedError("detection_loss: objectness everywhere, box and class on objects")


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
    raise NotImplementedError("train_detector: train a GridDetector with Adam, seeded")


def detect(
    model: nn.Module, images: torch.Tensor, *, score_threshold: float = 0.05
) -> list[dict[str, Array | Index]]:
    """The detections of each image (n, 1, size, size), in pixels: one dict per image."""
    raise NotImplementedError("detect: run the model in eval mode and decode each image")
