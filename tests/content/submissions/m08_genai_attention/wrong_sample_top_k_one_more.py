"""Wrong: top-k keeps one token too many.

Fails: sample_next_distribution
Says: not among the top_k
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "kth = torch.topk(scaled, min(top_k, scaled.shape[-1]), dim=-1).values[..., -1:]",
            ("kth = torch.topk(scaled, min(top_k + 1, scaled.shape[-1]), dim=-1).values[..., -1:]"),
        ),
    ],
)
