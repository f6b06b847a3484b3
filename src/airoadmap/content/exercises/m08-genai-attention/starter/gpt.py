"""Attention from scratch, and a character-level GPT built on it. Read brief.md first.

Part 1 writes scaled dot-product attention, multi-head attention and a transformer block with
tensor operations only, laid out like torch's own modules so that their weights load. Part 2
trains a small GPT on the roadmap's own briefs and samples text from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import torch
import torch.nn.functional as F  # noqa: F401 (F.linear, F.gelu, F.cross_entropy are allowed)
from torch import Tensor, nn

# --- part 1: attention ----------------------------------------------------------------------


def scaled_dot_product_attention(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    attn_mask: Tensor | None = None,
    is_causal: bool = False,
) -> Tensor:
    """softmax(query @ key^T / sqrt(E)) @ value over the last two axes.

    query (..., L, E), key (..., S, E), value (..., S, Ev) -> (..., L, Ev). attn_mask is
    boolean, True where a query may attend to a key, broadcast to (..., L, S); is_causal lets
    query i attend to keys 0..i only.
    """
    raise NotImplementedError("scaled_dot_product_attention: scores, masks, softmax, values")


class MultiHeadAttention(nn.Module):
    """Self-attention with num_heads heads, holding nn.MultiheadAttention's parameters:
    in_proj_weight (3E, E) and in_proj_bias (3E,) project to queries, keys and values;
    out_proj (E -> E) mixes the heads."""

    def __init__(self, embed_dim: int, num_heads: int, bias: bool = True) -> None:
        super().__init__()
        raise NotImplementedError("MultiHeadAttention: in_proj_weight, in_proj_bias, out_proj")

    def forward(self, x: Tensor, is_causal: bool = False) -> Tensor:
        """x (batch, length, embed_dim) -> (batch, length, embed_dim)."""
        raise NotImplementedError("MultiHeadAttention.forward: project, split heads, attend")


class Block(nn.Module):
    """A pre-norm GPT block, named as nn.TransformerEncoderLayer(norm_first=True) names it:
    x + self_attn(norm1(x)) (causal), then + linear2(gelu(linear1(norm2(x))))."""

    def __init__(self, embed_dim: int, num_heads: int) -> None:
        super().__init__()
        raise NotImplementedError("Block: norm1, self_attn, norm2, linear1, linear2")

    def forward(self, x: Tensor) -> Tensor:
        """x (batch, length, embed_dim) -> the same shape; position t sees positions <= t."""
        raise NotImplementedError("Block.forward: two residual additions")


# --- part 2: a character-level GPT ----------------------------------------------------------


class CharTokenizer:
    """One token per distinct character of the text, numbered in sorted order."""

    def __init__(self, text: str) -> None:
        raise NotImplementedError("CharTokenizer: the sorted characters of text")

    @property
    def vocab_size(self) -> int:
        raise NotImplementedError("CharTokenizer.vocab_size")

    def encode(self, text: str) -> list[int]:
        """The token of each character; a character outside the vocabulary is a ValueError."""
        raise NotImplementedError("CharTokenizer.encode")

    def decode(self, ids: Iterable[int] | Tensor) -> str:
        """The text of a sequence of tokens."""
        raise NotImplementedError("CharTokenizer.decode")


@dataclass(frozen=True)
class Config:
    """The model's shape and its training settings: tune them, within the time limit."""

    block_size: int = 32  # the longest context the model reads
    embed_dim: int = 64
    num_heads: int = 4
    num_layers: int = 2
    batch_size: int = 32
    steps: int = 300
    learning_rate: float = 1e-2
    seed: int = 0


def get_batch(
    ids: Tensor, block_size: int, batch_size: int, generator: torch.Generator | None = None
) -> tuple[Tensor, Tensor]:
    """batch_size random windows of ids: inputs x (batch, block_size) and targets y, the
    same windows one token later. Every start from 0 to len(ids) - block_size - 1 can come."""
    raise NotImplementedError("get_batch: random starts, windows x and y")


class GPT(nn.Module):
    """Token and position embeddings, config.num_layers causal Blocks, a final LayerNorm and a
    linear head to one logit per token of the vocabulary."""

    def __init__(self, vocab_size: int, config: Config) -> None:
        super().__init__()
        raise NotImplementedError("GPT: embeddings, blocks, norm, head; keep self.config")

    def forward(self, idx: Tensor) -> Tensor:
        """idx (batch, length) of tokens, length <= block_size -> logits (batch, length, V)."""
        raise NotImplementedError("GPT.forward: embed, run the blocks, normalise, head")


def train(ids: Tensor, vocab_size: int, config: Config) -> GPT:
    """A new GPT trained with AdamW on random windows of ids for config.steps steps (the mean
    cross-entropy of every next token), returned in eval mode. Seeded by config.seed."""
    raise NotImplementedError("train: seed, build the GPT, config.steps optimiser steps")


def sample_next(
    logits: Tensor,
    temperature: float = 1.0,
    top_k: int | None = None,
    generator: torch.Generator | None = None,
) -> Tensor:
    """One token per row of logits (batch, V): drawn from softmax(logits / temperature),
    keeping only the top_k largest logits when top_k is given."""
    raise NotImplementedError("sample_next: temperature, top-k, softmax, multinomial")


def generate(
    model: GPT,
    idx: Tensor,
    max_new_tokens: int,
    temperature: float = 1.0,
    top_k: int | None = None,
    generator: torch.Generator | None = None,
) -> Tensor:
    """idx (batch, length) followed by max_new_tokens sampled tokens, each drawn from the
    model's logits at the last position, given at most the last block_size tokens."""
    raise NotImplementedError("generate: crop the context, sample, append")


if __name__ == "__main__":
    from airoadmap.curriculum.paths import content_root

    briefs = sorted((content_root() / "exercises").glob("m0[1-7]-*/brief.md"))
    text = "\n".join(path.read_text(encoding="utf-8") for path in briefs)
    tokenizer = CharTokenizer(text)
    data = torch.tensor(tokenizer.encode(text))
    cut = int(0.9 * len(data))
    gpt = train(data[:cut], tokenizer.vocab_size, Config())
    start = torch.tensor([tokenizer.encode("The ")])
    print(tokenizer.decode(generate(gpt, start, 300, temperature=0.8, top_k=10)[0]))
