"""Wrong: the starts come from the global generator, whatever generator is given.

Fails: get_batch
Says: same generator seed
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "starts = torch.randint(len(ids) - block_size, (batch_size,), generator=generator)",
            "starts = torch.randint(len(ids) - block_size, (batch_size,))",
        ),
    ],
)
