"""pycocotools' evaluation of detections: COCO's AP at each IoU threshold, and the curves.

The reference the m08-cv-detection checks grade against, run here on the project's held-out
scenes beside the solution's own measure: boxes go to COCO as (x, y, width, height), every
box counts whatever its area, up to 100 detections per image.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

# COCO's IoU thresholds 0.5, 0.55, ..., 0.95 (as pycocotools builds them).
THRESHOLDS = np.linspace(0.5, 0.95, 10)
RECALLS = np.linspace(0.0, 1.0, 101)


@dataclass(frozen=True)
class CocoResult:
    """precision[t, r, k]: the envelope of class k at IoU threshold t and recall level r."""

    labels: tuple[int, ...]
    precision: np.ndarray

    def ap(self, threshold_index: int, label: int) -> float:
        """AP of `label` at THRESHOLDS[threshold_index] (the mean over the 101 levels)."""
        return float(self.precision[threshold_index, :, self.labels.index(label)].mean())

    def map_at(self, threshold_index: int) -> float:
        """The mean AP over the classes at one threshold (0: mAP@0.5)."""
        return float(self.precision[threshold_index].mean())

    def map_50_95(self) -> float:
        """COCO's headline AP: the mean over the ten thresholds and the classes."""
        return float(self.precision.mean())


def _xywh(boxes: Any) -> np.ndarray:
    out = np.array(boxes, dtype=np.float64).reshape(-1, 4)
    out[:, 2:] -= out[:, :2]
    return out


def evaluate(detections: Sequence[dict[str, Any]], truths: Sequence[dict[str, Any]]) -> CocoResult:
    """pycocotools' COCOeval ("bbox") of one detection result per ground truth."""
    from pycocotools import coco, cocoeval

    labels = tuple(sorted({int(k) for t in truths for k in t["labels"]}))
    annotations = [
        {
            "id": 0,  # numbered below
            "image_id": i,
            "category_id": int(label),
            "bbox": [float(v) for v in box],
            "area": float(box[2] * box[3]),
            "iscrowd": 0,
        }
        for i, truth in enumerate(truths)
        for box, label in zip(_xywh(truth["boxes"]), truth["labels"], strict=True)
    ]
    for n, annotation in enumerate(annotations, start=1):
        annotation["id"] = n  # COCO's ids start at 1
    results = [
        {"image_id": i, "category_id": int(k), "bbox": [float(v) for v in box], "score": float(s)}
        for i, found in enumerate(detections)
        for box, s, k in zip(_xywh(found["boxes"]), found["scores"], found["labels"], strict=True)
    ]
    if not results:  # nothing detected: pycocotools cannot load an empty list
        return CocoResult(labels, np.zeros((len(THRESHOLDS), len(RECALLS), len(labels))))
    with contextlib.redirect_stdout(io.StringIO()):  # pycocotools prints as it goes
        ground = coco.COCO()
        ground.dataset = {
            "images": [{"id": i} for i in range(len(truths))],
            "categories": [{"id": k} for k in labels],
            "annotations": annotations,
        }
        ground.createIndex()
        evaluation = cocoeval.COCOeval(ground, ground.loadRes(results), "bbox")
        evaluation.params.areaRng = [[0.0, 1e10]]
        evaluation.params.areaRngLbl = ["all"]
        evaluation.params.maxDets = [100]
        evaluation.evaluate()
        evaluation.accumulate()
    precision = np.asarray(evaluation.eval["precision"][:, :, :, 0, 0], dtype=np.float64)
    return CocoResult(labels, precision)
