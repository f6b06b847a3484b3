"""Wrong: the "scratch" mode starts from the pretrained backbone (under a new head).

Fails: fine_tuning
Says: from scratch means a new
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer",
    globals(),
    replace=[('    if mode == "scratch":\n', '    if mode == "":\n')],
)
