"""Wrong: the "mitigation" answers died for everyone: no disparity, and no model either.

Fails: mitigation_keeps_signal
Says: balanced_accuracy_after, below the bar
File: audit.py
"""

from tests.content.submissions.m12_fairness._audit import run_audit

run_audit(
    globals(),
    replace=[
        (
            "        return np.asarray(pred, dtype=int)",
            "        return np.zeros(len(pred), dtype=int)",
        )
    ],
)
