"""Wrong: the final normalisation runs over the time axis, mixing later positions into earlier
ones.

Fails: gpt_is_causal
Says: changed when only the tokens from position 5 on changed
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "        logits: Tensor = self.head(self.norm(self.blocks(x)))",
            (
                "        h = self.blocks(x)\n"
                "        h = (h - h.mean(dim=1, keepdim=True)) / (h.std(dim=1, keepdim=True"
                ") + 1e-5)\n"
                "        logits: Tensor = self.head(self.norm(h))"
            ),
        ),
    ],
)
