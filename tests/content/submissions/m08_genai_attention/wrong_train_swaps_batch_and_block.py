"""Wrong: train asks get_batch for windows of batch_size tokens, block_size of them.

Fails: train_follows_config
Says: drew the batches
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "x, y = get_batch(ids, config.block_size, config.batch_size, batches)",
            "x, y = get_batch(ids, config.batch_size, config.block_size, batches)",
        ),
    ],
)
