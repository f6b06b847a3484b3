"""Wrong: train returns the GPT in training mode.

Fails: train_follows_config
Says: training mode
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "    return model.eval()",
            "    return model",
        ),
    ],
)
