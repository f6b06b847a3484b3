"""Wrong: prune_global leaves the masks in place (no prune.remove).

Fails: pruning
Says: permanent
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            ("    for layer, name in weights:\n        prune.remove(layer, name)\n"),
            "",
        ),
    ],
)
