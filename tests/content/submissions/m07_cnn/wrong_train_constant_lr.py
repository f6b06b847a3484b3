"""Wrong: train keeps the learning rate constant: no scheduler.

Fails: train_schedule
Says: last step
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        (
            "torch.optim.lr_scheduler.OneCycleLR(\n        optimizer, max_lr=config.lr, "
            "epochs=config.epochs, steps_per_epoch=steps_per_epoch\n    )",
            "torch.optim.lr_scheduler.ConstantLR(optimizer, factor=1.0)",
        ),
    ],
)
