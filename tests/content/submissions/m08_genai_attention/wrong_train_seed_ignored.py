"""Wrong: the seed is fixed at 0, whatever the Config says.

Fails: train_follows_config
Says: two different seeds
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "    torch.manual_seed(config.seed)\n",
            "    torch.manual_seed(0)\n",
        ),
        (
            "    batches = torch.Generator().manual_seed(config.seed)",
            "    batches = torch.Generator().manual_seed(0)",
        ),
    ],
)
