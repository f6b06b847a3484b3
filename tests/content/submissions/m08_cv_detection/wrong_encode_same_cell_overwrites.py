"""Wrong: encode_targets lets a second object overwrite the first in its cell.

Fails: bad_input
Says: two boxes centred in the same cell, expected it to raise ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-detection",
    globals(),
    replace=[("        if target[i, j, 0] == 1:", "        if target[i, j, 0] == 2:")],
)
