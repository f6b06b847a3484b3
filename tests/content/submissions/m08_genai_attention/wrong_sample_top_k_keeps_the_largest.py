"""Wrong: top-k's threshold is the largest logit, not the k-th largest: only the best token is
kept.

Fails: sample_next_distribution
Says: top_k=3, frequency
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "kth = torch.topk(scaled, min(top_k, scaled.shape[-1]), dim=-1).values[..., -1:]",
            "kth = torch.topk(scaled, min(top_k, scaled.shape[-1]), dim=-1).values[..., :1]",
        ),
    ],
)
