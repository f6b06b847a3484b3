"""Wrong: the block takes its GELU from Hugging Face transformers, which the exercise forbids.

Fails: from_scratch
Says: transformers
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution
from transformers.activations import GELUActivation

run_solution("m08-genai-attention", globals())


def _forward(self, x):
    x = x + self.self_attn(self.norm1(x), is_causal=True)
    return x + self.linear2(GELUActivation()(self.linear1(self.norm2(x))))


Block.forward = _forward  # noqa: F821 (defined by run_solution)
