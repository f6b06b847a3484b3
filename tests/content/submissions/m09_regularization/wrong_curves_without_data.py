"""Wrong: plot_curves draws the panels and titles but no curve.

Fails: curves_plotted
Says: same picture
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-regularization",
    globals(),
    replace=[
        ('ax.plot(epochs, [row["train_loss"] for row in run.history], label="training")', "pass"),
        ('ax.plot(epochs, [row["val_loss"] for row in run.history], label="validation")', "pass"),
        ("    axes[0].legend()\n", ""),
    ],
)
