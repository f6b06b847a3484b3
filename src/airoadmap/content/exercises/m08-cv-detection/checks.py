"""Checks of m08-cv-detection: IoU, NMS and mean average precision written by hand, and a tiny
grid detector trained on generated images of shapes.

Every reference is computed here, independently of the learner's code: IoU with
`pycocotools.mask.iou`, COCO's average precision with `pycocotools.cocoeval.COCOeval`, the
all-point average precision, NMS, the grid targets and their decoding with loops. The images
of shapes are drawn here, seeded: the detector trains on some and is scored on others it never
saw.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import math
from collections.abc import Sequence
from functools import cache
from types import ModuleType
from typing import Any

import numpy as np

from airoadmap.errors import GradingError
from airoadmap.grading.api import (
    Context,
    check,
    expect,
    expect_bar,
    expect_close,
    expect_equal,
    expect_raises,
    fail,
)
from airoadmap.grading.kit.modelcheck import once
from airoadmap.grading.kit.needs import TORCH, need

Array = np.ndarray[Any, np.dtype[np.float64]]
Result = dict[str, Any]

MODULE = "detection"
IMAGE_SIZE = 32
GRID = 4
NUM_CLASSES = 3
# The scenes: 1 or 2 shapes (square, disc, triangle) of half-size 3.5 to 6.5 pixels, each
# centred in its own cell, bright (0.6 to 1.0) on a noisy dark background (0.2, sd 0.05).
HALF_SIZE = (3.5, 6.5)
# The detector trains on TRAIN_SCENES scenes and is scored on TEST_SCENES others.
TRAIN_SCENES = 1000
TEST_SCENES = 200
TRAIN_SEED = 0
TEST_SEED = 1
# The quick training of the seed check.
QUICK = {"epochs": 1, "batch_size": 16}
QUICK_SCENES = 64
# The IoU thresholds of the average precision checks.
THRESHOLDS = (0.5, 0.75)
# decode's and detect's default thresholds (score, NMS IoU).
DECODE_DEFAULTS = (0.05, 0.5)
# The default IoU threshold of average_precision and mean_average_precision.
DEFAULT_IOU = 0.5
# IoU and AP computed two correct ways agree to rounding.
ATOL = 1e-9


def _torch() -> ModuleType:
    """PyTorch (imported on first use)."""
    return need("torch", exercise="m08-cv-detection", install=TORCH)


def _coco() -> tuple[ModuleType, ModuleType, ModuleType]:
    """pycocotools' mask, coco and cocoeval modules."""
    try:
        from pycocotools import coco, cocoeval, mask
    except ImportError as exc:
        raise GradingError(
            "m08-cv-detection's checks need pycocotools: pip install pycocotools"
        ) from exc
    return mask, coco, cocoeval


def _module(ctx: Context, *names: str) -> ModuleType:
    module = ctx.load(MODULE)
    for name in names:
        if getattr(module, name, None) is None:
            fail(f"{MODULE}.py defines no {name}: keep the names of the starter.")
    return module


# --- references, computed here ----------------------------------------------------------------


def _xywh(boxes: Array) -> Array:
    out = np.asarray(boxes, dtype=np.float64).copy()
    out[:, 2:] -= out[:, :2]
    return out


def _coco_iou(a: Array, b: Array) -> Array:
    mask, _, _ = _coco()
    result = mask.iou(_xywh(a), _xywh(b), [0] * len(b))
    return np.asarray(result, dtype=np.float64).reshape(len(a), len(b))


def _pair_iou(a: Sequence[float], b: Sequence[float]) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    inter = max(width, 0.0) * max(height, 0.0)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def _reference_nms(boxes: Array, scores: Array, threshold: float) -> list[int]:
    left = sorted(range(len(boxes)), key=lambda i: -scores[i])
    kept: list[int] = []
    while left:
        best = left.pop(0)
        kept.append(best)
        left = [i for i in left if _pair_iou(boxes[best], boxes[i]) <= threshold]
    return kept


def _reference_ap_all(
    detections: Sequence[Result], truths: Sequence[Result], label: int, threshold: float
) -> float:
    """All-point AP: each detection, best score first, takes the unmatched ground truth box it
    overlaps most (IoU >= threshold) in its image; AP = sum over the recall steps of the best
    precision at that recall or beyond."""
    ranked: list[tuple[float, bool]] = []
    total = 0
    for found, truth in zip(detections, truths, strict=True):
        gts = [b for b, k in zip(truth["boxes"], truth["labels"], strict=True) if k == label]
        total += len(gts)
        mine = [
            (float(s), b)
            for b, s, k in zip(found["boxes"], found["scores"], found["labels"], strict=True)
            if k == label
        ]
        taken = [False] * len(gts)
        for score, box in sorted(mine, key=lambda p: -p[0]):
            best, where = threshold, -1
            for g, gt in enumerate(gts):
                overlap = _pair_iou(box, gt)
                if not taken[g] and overlap >= best:
                    best, where = overlap, g
            if where >= 0:
                taken[where] = True
            ranked.append((score, where >= 0))
    ranked.sort(key=lambda p: -p[0])
    points: list[tuple[float, float]] = []
    hits = 0
    for n, (_, hit) in enumerate(ranked, start=1):
        hits += hit
        points.append((hits / total, hits / n))
    ap, previous = 0.0, 0.0
    for recall, _ in points:
        if recall > previous:
            ap += (recall - previous) * max(p for r, p in points if r >= recall)
            previous = recall
    return ap


def _coco_ap(
    detections: Sequence[Result], truths: Sequence[Result], threshold: float
) -> dict[int, float]:
    """pycocotools' AP (101 recall levels) of each label that has a ground truth box."""
    _, coco, cocoeval = _coco()
    labels = sorted(
        {int(k) for t in truths for k in t["labels"]}
        | {int(k) for d in detections for k in d["labels"]}
    )
    dataset: dict[str, Any] = {
        "images": [{"id": i} for i in range(len(truths))],
        "categories": [{"id": k} for k in labels],
        "annotations": [],
    }
    for i, truth in enumerate(truths):
        for box, label in zip(_xywh(truth["boxes"]), truth["labels"], strict=True):
            dataset["annotations"].append(
                {
                    "id": len(dataset["annotations"]) + 1,
                    "image_id": i,
                    "category_id": int(label),
                    "bbox": [float(v) for v in box],
                    "area": float(box[2] * box[3]),
                    "iscrowd": 0,
                }
            )
    results = [
        {
            "image_id": i,
            "category_id": int(label),
            "bbox": [float(v) for v in box],
            "score": float(score),
        }
        for i, found in enumerate(detections)
        for box, score, label in zip(
            _xywh(found["boxes"]), found["scores"], found["labels"], strict=True
        )
    ]
    with contextlib.redirect_stdout(io.StringIO()):
        ground = coco.COCO()
        ground.dataset = dataset
        ground.createIndex()
        evaluation = cocoeval.COCOeval(ground, ground.loadRes(results), "bbox")
        evaluation.params.iouThrs = np.array([threshold])
        evaluation.params.areaRng = [[0.0, 1e10]]
        evaluation.params.areaRngLbl = ["all"]
        evaluation.params.maxDets = [1000]
        evaluation.evaluate()
        evaluation.accumulate()
    precision = evaluation.eval["precision"][0, :, :, 0, 0]
    return {k: float(precision[:, n].mean()) for n, k in enumerate(labels) if precision[0, n] > -1}


def _ap_case(seed: int, images: int = 12) -> tuple[list[Result], list[Result]]:
    """Detections and ground truths of a few images: matches of every quality, duplicates,
    wrong labels, boxes on nothing, a label (3) that no ground truth has; scores distinct."""
    rng = np.random.default_rng(seed)
    detections: list[Result] = []
    truths: list[Result] = []
    for _ in range(images):
        count = int(rng.integers(0, 5))
        corner = rng.uniform(0, 80, size=(count, 2))
        size = rng.uniform(8, 30, size=(count, 2))
        gt = np.hstack([corner, corner + size])
        gt_labels = rng.integers(0, 3, size=count)
        boxes, labels = [], []
        for box, label in zip(gt, gt_labels, strict=True):
            for _copy in range(int(rng.choice([0, 1, 1, 1, 2]))):
                shift = rng.normal(0, 0.25, size=4) * np.tile(box[2:] - box[:2], 2)
                moved = box + shift
                boxes.append(
                    np.hstack([np.minimum(moved[:2], moved[2:]), np.maximum(moved[:2], moved[2:])])
                )
                labels.append(int(label) if rng.random() < 0.85 else int(rng.integers(0, 4)))
        for _extra in range(int(rng.integers(0, 3))):
            corner_extra = rng.uniform(0, 80, size=2)
            boxes.append(np.hstack([corner_extra, corner_extra + rng.uniform(8, 30, size=2)]))
            labels.append(int(rng.integers(0, 4)))
        truths.append({"boxes": gt.reshape(-1, 4), "labels": gt_labels.astype(np.int64)})
        detections.append(
            {
                "boxes": np.array(boxes, dtype=np.float64).reshape(-1, 4),
                "scores": rng.random(len(boxes)),
                "labels": np.array(labels, dtype=np.int64),
            }
        )
    return detections, truths


def _copies(results: Sequence[Result]) -> list[Result]:
    return [{key: np.array(value, copy=True) for key, value in r.items()} for r in results]


def _scene(rng: np.random.Generator) -> tuple[Array, Array, Array]:
    """One image (IMAGE_SIZE, IMAGE_SIZE) float32, its boxes (n, 4) and labels (n,)."""
    cell = IMAGE_SIZE / GRID
    image = rng.normal(0.2, 0.05, size=(IMAGE_SIZE, IMAGE_SIZE))
    ys, xs = np.mgrid[0:IMAGE_SIZE, 0:IMAGE_SIZE] + 0.5
    boxes, labels = [], []
    for place in rng.choice(GRID * GRID, size=int(rng.integers(1, 3)), replace=False):
        row, column = divmod(int(place), GRID)
        x = (column + rng.uniform(0.1, 0.9)) * cell
        y = (row + rng.uniform(0.1, 0.9)) * cell
        half = rng.uniform(*HALF_SIZE)
        label = int(rng.integers(NUM_CLASSES))
        if label == 0:
            inside = (np.abs(xs - x) <= half) & (np.abs(ys - y) <= half)
        elif label == 1:
            inside = (xs - x) ** 2 + (ys - y) ** 2 <= half * half
        else:
            inside = (np.abs(ys - y) <= half) & (np.abs(xs - x) <= (ys - y + half) / 2)
        image[inside] = rng.uniform(0.6, 1.0)
        boxes.append(np.clip([x - half, y - half, x + half, y + half], 0, IMAGE_SIZE))
        labels.append(label)
    return image.astype(np.float32), np.array(boxes), np.array(labels, dtype=np.int64)


@cache
def _scenes(count: int, seed: int) -> tuple[Array, tuple[Result, ...]]:
    """`count` scenes: images (count, 1, size, size) float32 and their ground truths."""
    rng = np.random.default_rng(seed)
    drawn = [_scene(rng) for _ in range(count)]
    images = np.stack([image for image, _, _ in drawn])[:, None]
    truths = tuple({"boxes": boxes, "labels": labels} for _, boxes, labels in drawn)
    return images, truths


def _reference_target(
    boxes: Array, labels: Array, grid: int, image_size: int, num_classes: int
) -> Array:
    target = np.zeros((grid, grid, 5 + num_classes))
    cell = image_size / grid
    for (x1, y1, x2, y2), label in zip(boxes, labels, strict=True):
        x, y = (x1 + x2) / 2, (y1 + y2) / 2
        j, i = math.floor(x / cell), math.floor(y / cell)
        target[i, j, :5] = [
            1.0,
            x / cell - j,
            y / cell - i,
            (x2 - x1) / image_size,
            (y2 - y1) / image_size,
        ]
        target[i, j, 5 + int(label)] = 1.0
    return target


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def _reference_decode(
    output: Array, image_size: int, score_threshold: float, iou_threshold: float
) -> list[tuple[float, int, list[float]]]:
    """(score, label, box) of each detection kept, best score first."""
    grid = output.shape[0]
    cell = image_size / grid
    found: list[tuple[float, int, list[float]]] = []
    for i in range(grid):
        for j in range(grid):
            t = output[i, j]
            exp = [math.exp(v - max(t[5:])) for v in t[5:]]
            label = int(np.argmax(exp))
            score = _sigmoid(t[0]) * exp[label] / sum(exp)
            if score < score_threshold:
                continue
            x, y = (j + _sigmoid(t[1])) * cell, (i + _sigmoid(t[2])) * cell
            w, h = _sigmoid(t[3]) * image_size, _sigmoid(t[4]) * image_size
            found.append((score, label, [x - w / 2, y - h / 2, x + w / 2, y + h / 2]))
    kept: list[tuple[float, int, list[float]]] = []
    for label in sorted({k for _, k, _ in found}):
        mine = [f for f in found if f[1] == label]
        boxes = np.array([b for _, _, b in mine])
        scores = np.array([s for s, _, _ in mine])
        kept += [mine[n] for n in _reference_nms(boxes, scores, iou_threshold)]
    return sorted(kept, key=lambda f: -f[0])


def _as_result(value: Any, what: str, *, scores: bool = True) -> Result:
    """A learner's detection dict as NumPy arrays, or a failure that says what is wrong."""
    keys = ("boxes", "scores", "labels") if scores else ("boxes", "labels")
    if not isinstance(value, dict) or any(k not in value for k in keys):
        fail(f"{what} returned {type(value).__name__}, expected a dict with keys {keys}.")
    result = {k: np.asarray(value[k], dtype=np.float64) for k in keys}
    n = len(result["labels"].reshape(-1))
    boxes = result["boxes"]
    expect(
        boxes.shape == (n, 4) and all(result[k].shape == (n,) for k in keys[1:]),
        f"{what} returned boxes {boxes.shape} for {n} labels: expected boxes (n, 4), scores and "
        "labels (n,).",
    )
    return result


# --- part 1: IoU, NMS, average precision ------------------------------------------------------


@check("iou gives every pair's intersection over union, as pycocotools does", hint="iou")
def iou_matches_pycocotools(ctx: Context) -> None:
    module = _module(ctx, "iou")
    rng = np.random.default_rng(21)
    corner = rng.uniform(0, 50, size=(30, 2))
    a = np.hstack([corner, corner + rng.uniform(0.5, 40, size=(30, 2))])
    b = np.vstack(
        [
            a[:5],  # the same boxes
            a[5:10] + np.array([3.0, -2.0, 3.0, -2.0]),  # shifted
            [[10, 10, 20, 20], [20, 10, 30, 20], [12, 12, 18, 18], [0, 0, 100, 100]],
            np.hstack([corner[10:20], corner[10:20] + rng.uniform(0.5, 40, size=(10, 2))]),
        ]
    )
    a = np.vstack([a, [[10, 10, 20, 20], [10, 20, 20, 30]]])  # touching and nested boxes
    result = module.iou(a.copy(), b.copy())
    expect_close(
        result,
        _coco_iou(a, b),
        what=f"iou(boxes ({len(a)}, 4), boxes ({len(b)}, 4))",
        rtol=0,
        atol=ATOL,
        note="Entry [i, j] is area(a_i ∩ b_j) / area(a_i ∪ b_j) for boxes (x1, y1, x2, y2); "
        "boxes that only touch, or lie apart, have 0.",
    )
    small = np.array([[0.0, 0.0, 0.5, 1.0], [5.0, 5.0, 5.0, 5.0], [5.0, 5.0, 5.0, 9.0]])
    expect_close(
        module.iou(small.copy(), small.copy()),
        [[1.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]],
        what="iou of a 0.5 x 1 box, a point and a line (x1 == x2) with themselves",
        rtol=0,
        atol=ATOL,
        note="A box of area 0.5 equals itself (IoU 1); boxes of area 0 are allowed (x1 == x2 "
        "is no error) and have IoU 0, even with themselves: their union is empty.",
    )
    empty = np.asarray(module.iou(np.zeros((0, 4)), b[:3].copy()))
    expect(
        empty.shape == (0, 3),
        f"iou(no boxes, 3 boxes) has shape {empty.shape}, expected (0, 3).",
    )


@check("nms keeps the best box and drops those overlapping a kept one", hint="nms")
def nms_keeps_the_right_boxes(ctx: Context) -> None:
    module = _module(ctx, "nms")
    rng = np.random.default_rng(22)
    centres = rng.uniform(10, 60, size=(6, 2))
    boxes = np.vstack(
        [
            np.hstack([c - s, c + s])
            for c in centres
            for s in rng.uniform(4, 12, size=(5, 1)) * rng.uniform(0.8, 1.2, size=(5, 2))
        ]
    )
    boxes[::3] += rng.normal(0, 3, size=(len(boxes[::3]), 1))
    scores = rng.random(len(boxes))
    for threshold in (0.3, 0.5, 0.7):
        call = f"nms({len(boxes)} boxes in 6 clusters, iou_threshold={threshold})"
        kept = np.asarray(module.nms(boxes.copy(), scores.copy(), threshold)).tolist()
        expected = _reference_nms(boxes, scores, threshold)
        expect_equal(
            kept,
            expected,
            call=call,
            note="Keep the best-scoring box, drop every box whose IoU with it is above the "
            "threshold (equal stays), repeat with the best box left; return the kept indices, "
            "best score first.",
        )
    equal = np.array([[0.0, 0.0, 10.0, 10.0], [0.0, 0.0, 20.0, 10.0], [0.0, 0.0, 10.0, 5.0]])
    expect_equal(
        np.asarray(module.nms(equal, np.array([0.9, 0.8, 0.7]), 0.5)).tolist(),
        [0, 1, 2],
        call="nms(three boxes whose IoU with the best is exactly 0.5, iou_threshold=0.5)",
        note="A box goes only when its IoU with a kept box is above the threshold: equal stays.",
    )
    empty = np.asarray(module.nms(np.zeros((0, 4)), np.zeros(0), 0.5))
    expect(empty.size == 0, f"nms of no boxes returned {empty.tolist()}, expected none.")


@check("average_precision with all-point interpolation, per label and their mean",
       hint="ap")  # fmt: skip
def ap_all_point(ctx: Context) -> None:
    module = _module(ctx, "average_precision", "mean_average_precision")
    # By hand: 3 ground truth boxes; detections ranked hit, miss, hit, hit: precision 1, 1/2,
    # 2/3, 3/4 at recall 1/3, 1/3, 2/3, 1; AP = 1/3 * 1 + 1/3 * 3/4 + 1/3 * 3/4 = 5/6.
    truth = {"boxes": np.array([[0, 0, 10, 10], [20, 0, 30, 10], [40, 0, 50, 10.0]]),
             "labels": np.array([0, 0, 0])}  # fmt: skip
    found = {
        "boxes": np.array([[0, 0, 10, 10], [60, 0, 70, 10], [20, 0, 30, 10], [41, 0, 50, 10.0]]),
        "scores": np.array([0.9, 0.8, 0.7, 0.6]),
        "labels": np.array([0, 0, 0, 0]),
    }
    expect_close(
        module.average_precision(_copies([found]), _copies([truth]), 0),
        5 / 6,
        what="average_precision(4 detections: hit, miss, hit, hit of 3 boxes, label 0)",
        rtol=0,
        atol=ATOL,
        note="Precision 1, 1/2, 2/3, 3/4 at recall 1/3, 1/3, 2/3, 1; each precision is "
        "replaced by the best one at its recall or beyond: AP = 1/3 * 1 + 1/3 * 3/4 + "
        "1/3 * 3/4 = 5/6.",
    )
    half = {"boxes": np.array([[0.0, 0.0, 10.0, 5.0]]), "scores": np.array([0.5]),
            "labels": np.array([0])}  # fmt: skip
    expect_close(
        module.average_precision([half], _copies([truth]), 0),
        1 / 3,
        what="average_precision(one detection with IoU exactly 0.5 with one of 3 boxes, label 0)",
        rtol=0,
        atol=ATOL,
        note="An IoU equal to the threshold is a match (IoU >= threshold): recall 1/3 at "
        "precision 1.",
    )
    for seed in (31, 32):
        detections, truths = _ap_case(seed)
        for threshold in THRESHOLDS:
            expected = {k: _reference_ap_all(detections, truths, k, threshold) for k in range(3)}
            for label, value in expected.items():
                expect_close(
                    module.average_precision(
                        _copies(detections), _copies(truths), label, iou_threshold=threshold
                    ),
                    value,
                    what=f"average_precision(12 images (case {seed}), label {label}, "
                    f"iou_threshold={threshold})",
                    rtol=0,
                    atol=ATOL,
                    note="Best score first, each detection takes the unmatched ground truth "
                    "box of its image and label it overlaps most, if IoU >= the threshold; "
                    "then AP = the sum over recall steps of the best precision at that recall "
                    "or beyond.",
                )
            defaults = {} if threshold == DEFAULT_IOU else {"iou_threshold": threshold}
            expect_close(
                module.mean_average_precision(_copies(detections), _copies(truths), **defaults),
                float(np.mean(list(expected.values()))),
                what=f"mean_average_precision(case {seed}, "
                f"{'the defaults' if not defaults else f'iou_threshold={threshold}'})",
                rtol=0,
                atol=ATOL,
                note="The mean over the labels that have a ground truth box (0, 1, 2); label 3 "
                "has detections only and counts nowhere.",
            )


@check("average_precision with COCO's 101 recall levels matches pycocotools", hint="ap")
def ap_coco_matches_pycocotools(ctx: Context) -> None:
    module = _module(ctx, "average_precision", "mean_average_precision")
    for seed in (33, 34):
        detections, truths = _ap_case(seed)
        detections[0] = {
            "boxes": np.zeros((0, 4)),
            "scores": np.zeros(0),
            "labels": np.zeros(0, dtype=np.int64),
        }
        for threshold in THRESHOLDS:
            expected = _coco_ap(detections, truths, threshold)
            for label, value in expected.items():
                expect_close(
                    module.average_precision(
                        _copies(detections),
                        _copies(truths),
                        label,
                        iou_threshold=threshold,
                        interpolation="coco",
                    ),
                    value,
                    what=f"average_precision(case {seed}, label {label}, "
                    f"iou_threshold={threshold}, interpolation='coco')",
                    rtol=0,
                    atol=ATOL,
                    note="COCO averages the best precision at recall >= r over the 101 levels "
                    "r = np.linspace(0, 1, 101); a level never reached counts 0.",
                )
            expect_close(
                module.mean_average_precision(
                    _copies(detections),
                    _copies(truths),
                    iou_threshold=threshold,
                    interpolation="coco",
                ),
                float(np.mean(list(expected.values()))),
                what=f"mean_average_precision(case {seed}, iou_threshold={threshold}, "
                "interpolation='coco')",
                rtol=0,
                atol=ATOL,
            )


@check("bad input raises ValueError with a message that names the problem", hint="errors")
def bad_input(ctx: Context) -> None:
    module = _module(
        ctx, "iou", "nms", "average_precision", "mean_average_precision", "encode_targets"
    )
    good = np.array([[0.0, 0.0, 10.0, 10.0]])
    expect_raises(
        ValueError,
        module.iou,
        np.array([[10.0, 0.0, 0.0, 10.0]]),
        good,
        call="iou([[10, 0, 0, 10]], ...)",
        mentions_any=("x2", "x1", "corner"),
        problem="a box whose x2 is left of its x1",
    )
    expect_raises(
        ValueError,
        module.iou,
        np.zeros((2, 3)),
        good,
        call="iou(boxes (2, 3), ...)",
        mentions_any=("4", "shape"),
        problem="boxes that are not (n, 4)",
    )
    expect_raises(
        ValueError,
        module.nms,
        np.vstack([good, good]),
        np.array([0.5]),
        0.5,
        call="nms(2 boxes, 1 score, 0.5)",
        mentions_any=("score",),
        problem="one score per box",
    )
    detections, truths = _ap_case(35, images=3)
    expect_raises(
        ValueError,
        module.average_precision,
        detections,
        truths,
        0,
        interpolation="eleven",
        call="average_precision(..., interpolation='eleven')",
        mentions_any=("interpolation",),
        problem="an unknown interpolation",
    )
    expect_raises(
        ValueError,
        module.average_precision,
        detections[:2],
        truths,
        0,
        call="average_precision(2 detection results, 3 ground truths, 0)",
        mentions_any=("image",),
        problem="one detection result per image",
    )
    expect_raises(
        ValueError,
        module.average_precision,
        detections,
        truths,
        7,
        call="average_precision(..., label 7, which no ground truth box has)",
        mentions_any=("label", "ground truth"),
        problem="a label without any ground truth box",
    )
    no_boxes = [{"boxes": np.zeros((0, 4)), "labels": np.zeros(0, dtype=np.int64)}] * 3
    expect_raises(
        ValueError,
        module.mean_average_precision,
        detections,
        no_boxes,
        call="mean_average_precision(..., ground truths without any box)",
        mentions_any=("box", "ground truth", "label"),
        problem="ground truths without any box",
    )
    expect_raises(
        ValueError,
        module.encode_targets,
        np.array([[1.0, 1.0, 5.0, 5.0], [2.0, 2.0, 6.0, 6.0]]),
        np.array([0, 1]),
        call="encode_targets(two boxes centred in the same cell, ...)",
        mentions_any=("cell",),
        problem="two objects in one cell",
    )


# --- part 2: the grid detector -----------------------------------------------------------------


@check("encode_targets puts each object in the cell of its centre", hint="grid")
def encode_targets(ctx: Context) -> None:
    module = _module(ctx, "encode_targets")
    _, truths = _scenes(8, 41)
    cases: list[tuple[Array, Array, int, int, int]] = [
        (t["boxes"], t["labels"], GRID, IMAGE_SIZE, NUM_CLASSES) for t in truths
    ]
    # Centres on a cell's edge belong to the cell right of and below it; another grid.
    cases.append((np.array([[4.0, 4.0, 12.0, 20.0], [20.0, 2.0, 28.0, 30.0]]),
                  np.array([2, 0]), GRID, IMAGE_SIZE, NUM_CLASSES))  # fmt: skip
    cases.append((np.array([[3.0, 50.0, 21.0, 60.0], [40.0, 10.0, 63.0, 13.0]]),
                  np.array([3, 1]), 8, 64, 4))  # fmt: skip
    for boxes, labels, grid, size, classes in cases:
        call = (
            f"encode_targets(boxes {np.round(boxes, 2).tolist()}, labels {labels.tolist()}, "
            f"grid={grid}, image_size={size}, num_classes={classes})"
        )
        if (grid, size, classes) == (GRID, IMAGE_SIZE, NUM_CLASSES):  # the defaults
            result = module.encode_targets(boxes.copy(), labels.copy())
        else:
            result = module.encode_targets(
                boxes.copy(), labels.copy(), grid=grid, image_size=size, num_classes=classes
            )
        values = result.detach().numpy() if hasattr(result, "detach") else np.asarray(result)
        expect_close(
            values,
            _reference_target(boxes, labels, grid, size, classes),
            what=call,
            rtol=0,
            atol=1e-6,
            note="The cell (row i, column j) of the centre (x, y) gets [1, x / cell - j, "
            "y / cell - i, width / image_size, height / image_size, one-hot class]; every "
            "other cell stays 0.",
        )


def _expect_decoded(
    result: Result, expected: list[tuple[float, int, list[float]]], call: str
) -> None:
    """The detections `call` returned are `expected` (score, label, box), in any order."""
    order = np.argsort(-result["scores"], kind="stable")
    expect_equal(
        len(order),
        len(expected),
        call=f"{call}: the number of detections",
        note="Every cell gives one box scored sigmoid(t0) * its best class probability; "
        "those below score_threshold go, then NMS at iou_threshold within each label.",
    )
    expect_close(
        result["scores"][order],
        [s for s, _, _ in expected],
        what=f"{call}: the scores",
        rtol=1e-5,
        atol=1e-6,
        note="score = sigmoid(t0) * softmax(class logits).max().",
    )
    expect_equal(
        result["labels"][order].astype(int).tolist(),
        [k for _, k, _ in expected],
        call=f"{call}: the labels, best score first",
    )
    expect_close(
        result["boxes"][order],
        np.array([b for _, _, b in expected]).reshape(-1, 4),
        what=f"{call}: the boxes",
        rtol=1e-5,
        atol=1e-4,
        note="Centre ((j + sigmoid(t1)) * cell, (i + sigmoid(t2)) * cell) for the cell in "
        "row i, column j; width sigmoid(t3) * image_size, height sigmoid(t4) * image_size; "
        "returned as corners (x1, y1, x2, y2).",
    )


@check("decode turns raw outputs into scored boxes, then NMS per label", hint="grid")
def decode(ctx: Context) -> None:
    module = _module(ctx, "decode")
    torch = _torch()
    rng = np.random.default_rng(42)
    cases = ((GRID, IMAGE_SIZE, NUM_CLASSES, None), (6, 48, 2, (0.2, 0.3)))
    for grid, size, classes, thresholds in cases:
        output = rng.normal(0, 1.5, size=(grid, grid, 5 + classes))
        output[..., 0] = rng.uniform(-6, 4, size=(grid, grid))
        # Two neighbours holding nearly the same box, same label: NMS keeps the better one.
        output[1, 1, 1:5] = [2.0, 0.0, -1.0, -1.0]
        output[1, 2, 1:5] = [-2.0, 0.0, -1.0, -1.0]
        output[1, 1, 5:] = output[1, 2, 5:] = [4.0] + [0.0] * (classes - 1)
        output[1, 1, 0], output[1, 2, 0] = 3.0, 2.0
        # Two neighbours holding nearly the same box with different labels: both stay.
        output[2, 1, 1:5] = [2.0, 0.0, -1.0, -1.0]
        output[2, 2, 1:5] = [-2.0, 0.0, -1.0, -1.0]
        output[2, 1, 5:] = [4.0] + [0.0] * (classes - 1)
        output[2, 2, 5:] = [0.0] * (classes - 1) + [4.0]
        output[2, 1, 0], output[2, 2, 0] = 2.5, 1.5
        tensor = torch.tensor(output, dtype=torch.float32)
        if thresholds is None:  # the defaults: score_threshold 0.05, iou_threshold 0.5
            call = f"decode(raw outputs ({grid}, {grid}, {5 + classes}), image_size={size})"
            found = module.decode(tensor.clone(), image_size=size)
            thresholds = DECODE_DEFAULTS
        else:
            call = (
                f"decode(raw outputs ({grid}, {grid}, {5 + classes}), image_size={size}, "
                f"score_threshold={thresholds[0]}, iou_threshold={thresholds[1]})"
            )
            found = module.decode(
                tensor.clone(),
                image_size=size,
                score_threshold=thresholds[0],
                iou_threshold=thresholds[1],
            )
        expected = _reference_decode(tensor.double().numpy(), size, *thresholds)
        _expect_decoded(_as_result(found, call), expected, call)


def _config(module: ModuleType, **changes: Any) -> Any:
    config_class: Any = getattr(module, "Config", None)
    if not (isinstance(config_class, type) and dataclasses.is_dataclass(config_class)):
        fail(f"{MODULE}.py defines no dataclass Config: keep the starter's.")
    try:
        return dataclasses.replace(config_class(), **changes)
    except TypeError as exc:
        fail(f"Config() does not take the starter's fields ({exc}): keep them.")


def _training_data(module: ModuleType, count: int, seed: int) -> tuple[Any, Any]:
    """Images and the learner's encoded targets of `count` scenes, as tensors."""
    torch = _torch()
    images, truths = _scenes(count, seed)
    targets = torch.stack(
        [
            torch.as_tensor(module.encode_targets(t["boxes"].copy(), t["labels"].copy()))
            for t in truths
        ]
    ).float()
    return torch.tensor(images), targets


def _weights(model: Any) -> list[Any]:
    return [p.detach().clone() for p in model.state_dict().values()]


@check("train_detector is seeded and returns the network in eval mode", hint="training")
def training_seeded(ctx: Context) -> None:
    module = _module(ctx, "train_detector", "encode_targets", "Config")
    torch = _torch()
    images, targets = _training_data(module, QUICK_SCENES, 43)
    first = module.train_detector(images.clone(), targets.clone(), _config(module, **QUICK))
    expect(
        isinstance(first, torch.nn.Module) and not first.training,
        "train_detector returned a network in training mode (or no nn.Module): return "
        "model.eval(), so that detection runs in eval mode.",
    )
    with torch.no_grad():
        shape = tuple(first(images[:2]).shape)
    expect(
        shape == (2, GRID, GRID, 5 + NUM_CLASSES),
        f"The trained network maps images (2, 1, {IMAGE_SIZE}, {IMAGE_SIZE}) to {shape}, "
        f"expected (2, {GRID}, {GRID}, {5 + NUM_CLASSES}): 5 + classes numbers per cell.",
    )
    torch.rand(17)  # a learner who never seeds gets other weights
    again = module.train_detector(images.clone(), targets.clone(), _config(module, **QUICK))
    same = all(torch.equal(a, b) for a, b in zip(_weights(first), _weights(again), strict=True))
    expect(
        same,
        "Two runs of train_detector with the same data and Config gave different weights: "
        "seed the initial weights (torch.manual_seed(config.seed)) and the batch order (a "
        "torch.Generator seeded with config.seed).",
    )
    other = module.train_detector(images.clone(), targets.clone(), _config(module, **QUICK, seed=1))
    expect(
        not all(torch.equal(a, b) for a, b in zip(_weights(first), _weights(other), strict=True)),
        "train_detector gave the same weights with seed 0 and seed 1: take the seed from "
        "config.seed.",
    )


def _held_out_run(ctx: Context) -> tuple[list[Result], tuple[Result, ...], Array]:
    """The learner's detector, trained with its own Config on the training scenes, run on
    the held-out scenes: (detections, ground truths, the network's raw outputs)."""
    module = _module(ctx, "train_detector", "detect", "encode_targets", "Config")

    def compute() -> tuple[list[Result], tuple[Result, ...], Array]:
        torch = _torch()
        images, targets = _training_data(module, TRAIN_SCENES, TRAIN_SEED)
        model = module.train_detector(images, targets, _config(module))
        test_images, truths = _scenes(TEST_SCENES, TEST_SEED)
        found = module.detect(model, torch.tensor(test_images))
        if not isinstance(found, list | tuple) or len(found) != TEST_SCENES:
            fail(
                f"detect(model, {TEST_SCENES} images) returned {type(found).__name__}"
                f"{f' of {len(found)}' if isinstance(found, list | tuple) else ''}, expected a "
                "list of one dict per image."
            )
        with torch.no_grad():
            raw = model(torch.tensor(test_images)).double().numpy()
        return [_as_result(f, "detect(model, images)[i]") for f in found], truths, raw

    return once(ctx, "held-out run", compute)


@check("detect decodes the network's outputs; its mAP@0.5 on held-out scenes reaches the bar",
       hint="training")  # fmt: skip
def detector_map(ctx: Context) -> None:
    detections, truths, raw = _held_out_run(ctx)
    for n, found in enumerate(detections):
        expected = _reference_decode(raw[n], IMAGE_SIZE, *DECODE_DEFAULTS)
        _expect_decoded(found, expected, f"detect(model, held-out images)[{n}]")
    per_label = _coco_ap(detections, truths, 0.5)
    ctx.record("map50_all_point", float(np.mean(
        [_reference_ap_all(detections, truths, k, 0.5) for k in range(NUM_CLASSES)]
    )))  # fmt: skip
    expect_bar(ctx, "map50", float(np.mean(list(per_label.values()))))
