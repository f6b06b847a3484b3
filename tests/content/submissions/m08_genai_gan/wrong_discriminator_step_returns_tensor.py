"""Wrong: the steps return the loss tensor, not a float.

Fails: update_steps
Says: as a float
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-gan",
    globals(),
    replace=[
        ("    return loss.item()\n", "    return loss  # type: ignore[return-value]\n", 2),
    ],
)
