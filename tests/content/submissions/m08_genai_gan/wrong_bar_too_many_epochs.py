"""Wrong: Config trains for 6 epochs, over the bar's limit of 5.

Fails: samples_reach_the_bar
Says: 1 to 5 epochs
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-gan",
    globals(),
    replace=[
        ("    epochs: int = 3\n", "    epochs: int = 6\n"),
    ],
)
