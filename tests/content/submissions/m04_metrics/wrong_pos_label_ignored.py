"""Wrong: the positive class is always 1, whatever pos_label says.

Fails: precision_recall_match_sklearn
Says: not 1
"""

from __future__ import annotations

from tests.content.submissions._solution import run_alternative

run_alternative(
    "m04_metrics",
    "alt_pure_python",
    globals(),
    replace=[
        (
            "def _counts(y_true, y_pred, pos_label):\n",
            "def _counts(y_true, y_pred, pos_label):\n    pos_label = 1\n",
        )
    ],
)
