"""Wrong (a leak): the scaler is fitted on the training and the validation months.

Fails: scaler_fitted_on_training
Says: the training months' changes
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[
        (
            "scaler = fit_scaler(np.diff(values[:train_end]))",
            "scaler = fit_scaler(np.diff(values[:validation_end]))",
        )
    ],
)
