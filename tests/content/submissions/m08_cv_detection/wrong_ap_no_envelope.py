"""Wrong: the all-point area uses the raw precision, not its envelope.

Fails: ap_all_point
Says: average_precision(4 detections, 5/6
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-detection",
    globals(),
    replace=[("return float(np.sum(steps * envelope))", "return float(np.sum(steps * precision))")],
)
