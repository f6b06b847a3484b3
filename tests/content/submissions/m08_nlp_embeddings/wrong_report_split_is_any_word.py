"""Wrong: every word counts as split, one piece or more.

Fails: token_report
Says: two or more pieces
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            "            if len(pieces) > 1:",
            "            if len(pieces) >= 1:",
        ),
    ],
)
