"""Wrong: each part's first origin is its own first month, so its first month is never
forecast one month ahead.

Fails: walk_forward_parts
Says: origins run from 406 to 441, every origin t from 405
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[
        (
            "origins, inputs, targets = make_windows(values, config.window, config.horizon, "
            "start, stop)",
            "origins, inputs, targets = make_windows(\n"
            "            values, config.window, config.horizon, start + 1, stop\n"
            "        )",
        )
    ],
)
