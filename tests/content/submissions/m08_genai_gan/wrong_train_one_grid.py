"""Wrong: the grid is saved under the last epoch's name each time, so only one is kept.

Fails: train_saves_its_figures
Says: samples_epoch_1.png
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-gan",
    globals(),
    replace=[
        (
            'out_dir / f"samples_epoch_{epoch}.png"',
            'out_dir / f"samples_epoch_{config.epochs}.png"',
        ),
    ],
)
