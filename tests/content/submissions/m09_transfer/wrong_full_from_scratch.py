"""Wrong: the "full" mode trains a fresh model: nothing pretrained is used.

Fails: fine_tuning
Says: did not start from the pretrained
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer",
    globals(),
    replace=[('    if mode == "scratch":\n', '    if mode in ("scratch", "full"):\n')],
)
