"""Wrong: the optimizer is fitted, but the returned predict calls the original model.

Fails: mitigation_shrinks_disparity
Says: eod_reduction, below the bar
File: audit.py
"""

from tests.content.submissions.m12_fairness._audit import run_audit

run_audit(
    globals(),
    replace=[
        (
            "        pred = optimizer.predict(X, sensitive_features=sensitive, random_state=SEED)",
            "        pred = model.predict(X)",
        )
    ],
)
