"""Wrong: iou is pycocotools' own, the checks' reference.

Fails: from_scratch
Says: pycocotools
"""

from __future__ import annotations

import numpy as np
from pycocotools import mask
from tests.content.submissions._solution import run_solution

run_solution("m08-cv-detection", globals())


def iou(boxes_a, boxes_b):
    a = np.asarray(boxes_a, dtype=np.float64).reshape(-1, 4).copy()
    b = np.asarray(boxes_b, dtype=np.float64).reshape(-1, 4).copy()
    a[:, 2:] -= a[:, :2]
    b[:, 2:] -= b[:, :2]
    return np.asarray(mask.iou(a, b, [0] * len(b)), dtype=np.float64).reshape(len(a), len(b))
