"""Wrong: make_stream edited (the change moved to batch 10): what the learner tries is no
longer what the checks grade.

Fails: drift_alert_in_time
Says: keep make_stream as it is
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m11-monitoring",
    globals(),
    replace=[
        ("batch_size: int = 500, change_at: int = 12", "batch_size: int = 500, change_at: int = 10")
    ],
)
