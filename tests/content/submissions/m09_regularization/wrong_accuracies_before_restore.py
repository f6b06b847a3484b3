"""Wrong: train measures the accuracies before restoring the best epoch, so an early-stopped
run reports the last epoch's figures for the best epoch's model.

Fails: runs_recomputed
Says: early_stopping' reports
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-regularization",
    globals(),
    replace=[
        (
            (
                "    if stopper is not None:\n"
                "        stopper.restore(model)\n"
                "    _, train_accuracy = evaluate(model, train_images, train_labels)\n"
                "    _, val_accuracy = evaluate(model, val_images, val_labels)\n"
            ),
            (
                "    _, train_accuracy = evaluate(model, train_images, train_labels)\n"
                "    _, val_accuracy = evaluate(model, val_images, val_labels)\n"
                "    if stopper is not None:\n"
                "        stopper.restore(model)\n"
            ),
        ),
    ],
)
