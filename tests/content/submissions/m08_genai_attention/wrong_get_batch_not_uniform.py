"""Wrong: the starts are drawn as the smaller of two uniform draws: every start can come, the early
ones twice as often.

Fails: get_batch
Says: not uniform
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
                "starts = torch.minimum(*torch.randint(len(ids) - block_size, (2, batch_siz"
                "e), generator=generator))"
            ),
        ),
    ],
)
