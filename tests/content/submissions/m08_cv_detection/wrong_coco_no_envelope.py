"""Wrong: COCO's levels read the raw precision, not its envelope.

Fails: ap_coco_matches_pycocotools
Says: interpolation='coco', best precision at recall >= r
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-detection",
    globals(),
    replace=[("padded = np.append(envelope, 0.0)", "padded = np.append(precision, 0.0)")],
)
