"""Wrong (a look-ahead): month t + h gets series[t + h - 12] for every h, after the origin
when h is beyond one cycle.

Fails: seasonal_naive
Says: horizon=18, at or before the origin
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[("lags = steps - season * cycles_back", "lags = steps - season")],
)
