"""Wrong: the scaler's std is the sample standard deviation (ddof=1).

Fails: scaler
Says: fit_scaler(values).std, ddof=0
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[("float(data.std()))", "float(data.std(ddof=1)))")],
)
