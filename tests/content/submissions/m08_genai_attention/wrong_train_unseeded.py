"""Wrong: the initial weights are not seeded.

Fails: train_follows_config
Says: config.seed
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            ("    torch.manual_seed(config.seed)\n    model = GPT(vocab_size, config)"),
            "    model = GPT(vocab_size, config)",
        ),
    ],
)
