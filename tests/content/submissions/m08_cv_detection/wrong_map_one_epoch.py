"""Wrong: one epoch of training: the detector has barely started to learn.

Fails: detector_map
Says: map50=, below the bar 0.8
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-detection",
    globals(),
    replace=[("epochs: int = 10", "epochs: int = 1")],
)
