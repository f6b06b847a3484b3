"""Wrong: TrainConfig trains for one epoch only: the network stops short of the bar.

Fails: accuracy_bar
Says: accuracy_test, below the bar
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        ("    epochs: int = 3\n", "    epochs: int = 1\n"),
    ],
)
