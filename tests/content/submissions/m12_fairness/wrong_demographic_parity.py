"""Wrong: the ThresholdOptimizer is fitted for demographic parity, not equalized odds.

On the held-out passengers it still shrinks the equalized odds difference about 4 times:
only the training passengers, where each constraint is met, tell the two apart.

Fails: mitigation_targets_equalized_odds
Says: eod_train_after, above the bar, equalized_odds
File: audit.py
"""

from tests.content.submissions.m12_fairness._audit import run_audit

run_audit(globals(), replace=[('constraints="equalized_odds"', 'constraints="demographic_parity"')])
