"""Wrong: the "frozen" mode never freezes the backbone: it trains like "full".

Fails: fine_tuning
Says: changed the backbone
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer",
    globals(),
    replace=[("            freeze_backbone(model)\n", "            pass\n")],
)
