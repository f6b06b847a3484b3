"""Wrong: the mitigated predict draws its random thresholds afresh on every call.

Fails: mitigation_is_seeded
Says: changed, random_state
File: audit.py
"""

from tests.content.submissions.m12_fairness._audit import run_audit

run_audit(globals(), replace=[("random_state=SEED)", "random_state=None)")])
