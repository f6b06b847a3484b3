"""Wrong: when labels arrive, the batch is predicted again by today's champion and scored:
after a promotion, the accuracy reported is not that of what was served.

Fails: performance_measured
Says: Score what was served
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m11-monitoring",
    globals(),
    replace=[
        (
            "        score = accuracy(predictions, y)",
            "        score = accuracy(self._load(self.champion).predict(X), y)",
        )
    ],
)
