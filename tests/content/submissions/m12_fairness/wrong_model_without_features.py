"""Wrong: the model predicts the most frequent class: nothing worth auditing.

Fails: baseline_accuracy
Says: accuracy_before, below the bar
File: audit.py
"""

from tests.content.submissions.m12_fairness._audit import run_audit

run_audit(
    globals(),
    replace=[
        (
            "    return make_pipeline(features, LogisticRegression(max_iter=1000))",
            "    from sklearn.dummy import DummyClassifier\n\n"
            "    return make_pipeline(features, DummyClassifier())",
        )
    ],
)
