"""Wrong (a leak): the scaler is fitted on the changes of the whole series, test months
included.

Fails: scaler_fitted_on_training
Says: every month's changes, the test months included
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[
        ("scaler = fit_scaler(np.diff(values[:train_end]))", "scaler = fit_scaler(np.diff(values))")
    ],
)
