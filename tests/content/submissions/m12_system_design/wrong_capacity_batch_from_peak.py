"""Wrong: the batch job sized for the page views' peak, not the day's items in its window.

Fails: capacity_matches
Says: ['model_rps'] on scenario 'recommendation' (batch)
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m12-system-design",
    globals(),
    replace=[
        (
            'model_rps = s["batch_items_per_day"] / (s["batch_window_h"] * 3600)',
            "model_rps = peak_rps",
        )
    ],
)
