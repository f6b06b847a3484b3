"""Wrong: y is x itself, not the next tokens.

Fails: get_batch
Says: y is not x one token later
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "    y = ids[starts[:, None] + offsets + 1]",
            "    y = ids[starts[:, None] + offsets]",
        ),
    ],
)
