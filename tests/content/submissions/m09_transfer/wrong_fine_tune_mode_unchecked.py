"""Wrong: fine_tune takes any mode it does not know for "full", instead of raising.

Fails: fine_tuning
Says: ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer",
    globals(),
    replace=[("    if mode not in MODES:\n", "    if mode is None:\n")],
)
