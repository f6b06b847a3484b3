"""Wrong: train never seeds torch.

Fails: train_is_seeded
Says: torch.manual_seed
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-gan",
    globals(),
    replace=[
        (
            "    torch.manual_seed(config.seed)\n    x = to_unit(images)\n",
            "    x = to_unit(images)\n",
        ),
    ],
)
