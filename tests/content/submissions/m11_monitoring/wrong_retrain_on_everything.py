"""Wrong: the challenger learns every labelled row since the start, mostly the old concept.

Fails: retrains_on_recent_labels
Says: last 2 batches, Older rows teach the old concept
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m11-monitoring",
    globals(),
    replace=[
        (
            "        recent = sorted(self._labelled)[-self.thresholds.retrain_batches :]",
            "        recent = sorted(self._labelled)",
        )
    ],
)
