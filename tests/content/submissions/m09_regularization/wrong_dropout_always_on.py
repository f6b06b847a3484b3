"""Wrong: dropout is applied with F.dropout(..., training=True), in eval mode too.

Fails: dropout_train_only
Says: eval mode
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-regularization",
    globals(),
    replace=[
        ("            nn.Dropout(dropout),\n", "            AlwaysDropout(dropout),\n"),
        (
            "def make_model(",
            (
                "class AlwaysDropout(nn.Module):\n"
                "    def __init__(self, p: float) -> None:\n"
                "        super().__init__()\n"
                "        self.p = p\n"
                "\n"
                "    def forward(self, x: torch.Tensor) -> torch.Tensor:\n"
                "        return F.dropout(x, self.p, training=True)\n"
                "\n"
                "\n"
                "def make_model("
            ),
        ),
    ],
)
