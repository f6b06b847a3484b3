"""Wrong: train does not check that images and labels have the same length.

Fails: training
Says: ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer",
    globals(),
    replace=[("    if len(images) != len(labels):\n", "    if len(images) < 0:\n")],
)
