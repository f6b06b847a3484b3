"""Wrong: forecast_levels adds each month's change to the last value without adding the
changes up (every target is one change away from the last month seen).

Fails: network_tensors
Says: forecast_levels, np.cumsum
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[("+ np.cumsum(changes, axis=1)", "+ changes")],
)
