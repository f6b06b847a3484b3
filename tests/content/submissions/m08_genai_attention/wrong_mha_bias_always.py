"""Wrong: bias=False is ignored: the projections keep their biases.

Fails: mha_layout
Says: bias=False, in_proj_bias
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            ("        if bias:\n            self.in_proj_bias"),
            ("        if True:\n            self.in_proj_bias"),
        ),
        (
            "self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)",
            "self.out_proj = nn.Linear(embed_dim, embed_dim)",
        ),
    ],
)
