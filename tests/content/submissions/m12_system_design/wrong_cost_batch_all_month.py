"""Wrong: the batch job's GPUs paid for all month, not only for the nightly window.

Fails: monthly_cost_matches
Says: ['gpu_hours'] on scenario 'recommendation' (batch)
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m12-system-design",
    globals(),
    replace=[('hours = s["batch_window_h"] * HOURS_PER_MONTH / 24', "hours = HOURS_PER_MONTH")],
)
