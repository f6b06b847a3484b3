"""Wrong: the last window (whose target is the last token) is never drawn.

Fails: get_batch
Says: every start from 0 to 7
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "starts = torch.randint(len(ids) - block_size, (batch_size,), generator=generator)",
            (
                "starts = torch.randint(len(ids) - block_size - 1, (batch_size,), generator"
                "=generator)"
            ),
        ),
    ],
)
