"""Wrong: a softmax written by hand whose normaliser is taken out of the graph (.detach()): the
outputs are right, the gradients of the query and the key are not.

Fails: attention_gradients_match_torch
Says: the gradient of query
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "return torch.softmax(scores, dim=-1) @ value",
            (
                "weights = (scores - scores.amax(dim=-1, keepdim=True)).exp()\n"
                "    return weights / weights.sum(dim=-1, keepdim=True).detach() @ value"
            ),
        ),
    ],
)
