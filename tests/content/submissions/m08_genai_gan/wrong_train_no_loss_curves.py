"""Wrong: no loss curves are saved.

Fails: train_saves_its_figures
Says: losses.png
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-gan",
    globals(),
    replace=[
        ('    save_loss_curves(history, out_dir / "losses.png")\n', ""),
    ],
)
