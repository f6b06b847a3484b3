"""Wrong: training rejects gamma 1 (and accepts only gamma below 1), a valid discount.

Fails: rejects_bad_settings
Says: these arguments are valid
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "    if not 0.0 <= config.gamma <= 1.0:",
            "    if not 0.0 <= config.gamma < 1.0:",
        ),
    ],
)
