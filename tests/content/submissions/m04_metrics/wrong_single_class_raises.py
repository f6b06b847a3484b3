"""Wrong: a pos_label absent from single-class data raises.

Fails: string_labels_and_pos_label
Says: single label
"""

from __future__ import annotations

from tests.content.submissions._solution import run_alternative

run_alternative(
    "m04_metrics",
    "alt_pure_python",
    globals(),
    replace=[
        (
            "if pos_label not in t and pos_label not in p and len(set(t) | set(p)) >= 2:",
            "if pos_label not in t and pos_label not in p:",
        )
    ],
)
