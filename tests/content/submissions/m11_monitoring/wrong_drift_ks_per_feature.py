"""Wrong: drift is a KS test per feature at alpha 0.05, no correction: with 4 features and a
batch every step, a stable stream crosses it by chance.

Fails: drift_alert_in_time
Says: before the inputs change, false alarm
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m11-monitoring",
    globals(),
    replace=[
        (
            "        if scores[worst] > self.thresholds.psi:",
            "        from scipy.stats import ks_2samp\n\n"
            "        p_values = [ks_2samp(self.reference_X[:, j], X[:, j]).pvalue "
            "for j in range(X.shape[1])]\n"
            "        if min(p_values) < 0.05:",
        )
    ],
)
