"""Wrong: a pos_label that is not a label gives a silent 0.0.

Fails: string_labels_and_pos_label
Says: silent 0.0
"""

from __future__ import annotations

from tests.content.submissions._solution import run_alternative

run_alternative(
    "m04_metrics",
    "alt_pure_python",
    globals(),
    replace=[
        (
            "    if pos_label not in t and pos_label not in p and len(set(t) | set(p)) >= 2:\n"
            '        raise ValueError(f"pos_label={pos_label!r} is not a label")\n',
            "",
        )
    ],
)
