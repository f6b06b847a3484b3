"""Wrong: batch norm keeps no running statistics, so in eval mode it still uses the batch's: an
image alone gets other logits than in a batch.

Fails: model_layers
Says: running_mean
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        ("nn.BatchNorm2d(out_channels)", "nn.BatchNorm2d(out_channels, track_running_stats=False)"),
    ],
)
