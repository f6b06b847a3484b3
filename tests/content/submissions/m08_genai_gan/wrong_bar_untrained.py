"""Wrong: Config's learning rate is 0: the generator stays as it started.

Fails: samples_reach_the_bar
Says: untrained
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-gan",
    globals(),
    replace=[
        ("    lr: float = 2e-3\n", "    lr: float = 0.0\n"),
    ],
)
