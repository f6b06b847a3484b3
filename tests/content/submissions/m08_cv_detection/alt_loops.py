"""Correct, written differently: the measures of part 1 with plain loops, all-point AP as the
area under the envelope's steps, COCO's levels read one by one."""

from __future__ import annotations

import numpy as np
from tests.content.submissions._solution import run_solution

run_solution("m08-cv-detection", globals())


def _checked(boxes):
    array = np.asarray(boxes, dtype=float)
    if array.size == 0:
        return []
    if array.ndim != 2 or array.shape[1] != 4:
        raise ValueError(f"boxes must have shape (n, 4), got {array.shape}")
    rows = array.tolist()
    for x1, y1, x2, y2 in rows:
        if x2 < x1 or y2 < y1:
            raise ValueError(f"box {(x1, y1, x2, y2)} has x2 < x1 or y2 < y1: corners swapped")
    return rows


def _one(a, b):
    inter = max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(
        0.0, min(a[3], b[3]) - max(a[1], b[1])
    )
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def iou(boxes_a, boxes_b):
    a, b = _checked(boxes_a), _checked(boxes_b)
    return np.array([[_one(p, q) for q in b] for p in a], dtype=float).reshape(len(a), len(b))


def nms(boxes, scores, iou_threshold):
    rows = _checked(boxes)
    if len(scores) != len(rows):
        raise ValueError("nms needs one score per box")
    remaining = sorted(range(len(rows)), key=lambda i: scores[i], reverse=True)
    kept = []
    while remaining:
        best, *remaining = remaining
        kept.append(best)
        remaining = [i for i in remaining if _one(rows[best], rows[i]) <= iou_threshold]
    return np.array(kept, dtype=np.int64)


def average_precision(detections, truths, label, *, iou_threshold=0.5, interpolation="all"):
    if interpolation not in ("all", "coco"):
        raise ValueError(f"interpolation must be 'all' or 'coco', not {interpolation!r}")
    if len(detections) != len(truths):
        raise ValueError("give one detection result per image, as many as ground truths")
    ranked, positives = [], 0
    for found, truth in zip(detections, truths, strict=True):
        gts = [
            b for b, k in zip(_checked(truth["boxes"]), truth["labels"], strict=True) if k == label
        ]
        positives += len(gts)
        free = set(range(len(gts)))
        mine = [
            (s, b)
            for b, s, k in zip(
                _checked(found["boxes"]), found["scores"], found["labels"], strict=True
            )
            if k == label
        ]
        for score, box in sorted(mine, key=lambda p: p[0], reverse=True):
            best = max(free, key=lambda g: _one(box, gts[g]), default=None)
            hit = best is not None and _one(box, gts[best]) >= iou_threshold
            if hit:
                free.discard(best)
            ranked.append((score, hit))
    if positives == 0:
        raise ValueError(f"label {label} has no ground truth box")
    ranked.sort(key=lambda p: p[0], reverse=True)
    recalls, precisions, hits = [], [], 0
    for n, (_, hit) in enumerate(ranked, start=1):
        hits += hit
        recalls.append(hits / positives)
        precisions.append(hits / n)

    def best_from(r):
        return max((p for q, p in zip(recalls, precisions, strict=True) if q >= r), default=0.0)

    if interpolation == "coco":
        return sum(best_from(r) for r in np.linspace(0.0, 1.0, 101)) / 101
    area, previous = 0.0, 0.0
    for r in sorted(set(recalls)):
        area += (r - previous) * best_from(r)
        previous = r
    return area
