"""Wrong: zip silently drops the extra labels of the longer input.

Fails: inputs_of_any_kind
Says: lengths differ
"""

from __future__ import annotations

from tests.content.submissions._solution import run_alternative

run_alternative(
    "m04_metrics",
    "alt_pure_python",
    globals(),
    replace=[
        ('    if len(t) != len(p):\n        raise ValueError(f"y_true has {len(t)} labels, '
         'y_pred has {len(p)}")\n', ""),
        ("strict=True", "strict=False", 3),
    ],
)
