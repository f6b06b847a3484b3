"""Wrong: the card's accuracy cost is after minus before (a negative cost).

Fails: card_states_recomputed_figures
Says: accuracy_cost, recompute
File: audit.py
"""

from tests.content.submissions.m12_fairness._audit import run_audit

run_audit(
    globals(),
    replace=[("{accuracy_before - accuracy_after:.3f}", "{accuracy_after - accuracy_before:.3f}")],
)
