"""Wrong: a performance alert whenever a batch scores under the baseline, with no allowed
drop: half the stable batches do, by chance.

Fails: performance_alert_in_time
Says: before the concept changes
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m11-monitoring",
    globals(),
    replace=[
        (
            "        if score < self.baseline - self.thresholds.accuracy_drop:",
            "        if score < self.baseline:",
        )
    ],
)
