"""Wrong: the GPT does not keep its Config.

Fails: gpt_forward
Says: self.config
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "        self.config = config\n",
            "        self.settings = config\n",
        ),
        (
            "        if length > self.config.block_size:",
            "        if length > self.settings.block_size:",
        ),
        (
            "at most block_size {self.config.block_size}.",
            "at most block_size {self.settings.block_size}.",
        ),
    ],
)
