"""Wrong: the COCO average precision comes from pycocotools, reached through importlib.

Fails: from_scratch
Says: pycocotools
"""

from __future__ import annotations

import importlib

from tests.content.submissions._solution import run_solution

run_solution("m08-cv-detection", globals())
_solution_average_precision = average_precision  # noqa: F821 - defined by run_solution


def average_precision(detections, truths, label, *, iou_threshold=0.5, interpolation="all"):
    importlib.import_module("pycocotools.cocoeval")  # the first step of a wrapper
    return _solution_average_precision(
        detections, truths, label, iou_threshold=iou_threshold, interpolation=interpolation
    )
