"""Wrong: train_detector returns the network still in training mode.

Fails: training_seeded
Says: training mode, model.eval()
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-detection",
    globals(),
    replace=[("    return model.eval()", "    return model")],
)
