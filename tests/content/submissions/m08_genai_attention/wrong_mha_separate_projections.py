"""Wrong: q, k and v come from three nn.Linear layers: the layout is not nn.MultiheadAttention's.

Fails: mha_layout
Says: in_proj_weight, q_proj.weight
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            (
                "        self.in_proj_weight = nn.Parameter(torch.empty(3 * embed_dim, embe"
                "d_dim))\n"
                "        self.in_proj_bias: nn.Parameter | None\n"
                "        if bias:\n"
                "            self.in_proj_bias = nn.Parameter(torch.zeros(3 * embed_dim))\n"
                "        else:\n"
                '            self.register_parameter("in_proj_bias", None)\n'
                "        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)\n"
                "        nn.init.xavier_uniform_(self.in_proj_weight)  # as nn.MultiheadAtt"
                "ention does"
            ),
            (
                "        self.q_proj = nn.Linear(embed_dim, embed_dim, bias=bias)\n"
                "        self.k_proj = nn.Linear(embed_dim, embed_dim, bias=bias)\n"
                "        self.v_proj = nn.Linear(embed_dim, embed_dim, bias=bias)\n"
                "        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)"
            ),
        ),
        (
            (
                "        q, k, v = F.linear(x, self.in_proj_weight, self.in_proj_bias).chun"
                "k(3, dim=-1)"
            ),
            "        q, k, v = self.q_proj(x), self.k_proj(x), self.v_proj(x)",
        ),
    ],
)
