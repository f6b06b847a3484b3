"""Attention from scratch, and a character-level GPT built on it. Read brief.md first.

Part 1 writes scaled dot-product attention, multi-head attention and a transformer block with
tensor operations only, laid out like torch's own modules so that their weights load. Part 2
trains a small GPT on the roadmap's own briefs and samples text from it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import torch
import torch.nn.functional as F
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
    if query.shape[-1] != key.shape[-1] or key.shape[-2] != value.shape[-2]:
        raise ValueError(
            f"scaled_dot_product_attention: query {tuple(query.shape)}, key "
            f"{tuple(key.shape)} and value {tuple(value.shape)} do not fit: query and key need "
            "the same last size, key and value the same length (shape[-2])."
        )
    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])  # (..., L, S)
    if is_causal:
        length, source = scores.shape[-2:]
        allowed = torch.ones(length, source, dtype=torch.bool, device=scores.device).tril()
        scores = scores.masked_fill(~allowed, float("-inf"))
    if attn_mask is not None:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    return torch.softmax(scores, dim=-1) @ value


class MultiHeadAttention(nn.Module):
    """Self-attention with num_heads heads, holding nn.MultiheadAttention's parameters:
    in_proj_weight (3E, E) and in_proj_bias (3E,) project to queries, keys and values;
    out_proj (E -> E) mixes the heads."""

    def __init__(self, embed_dim: int, num_heads: int, bias: bool = True) -> None:
        super().__init__()
        if embed_dim % num_heads != 0:
            raise ValueError(
                f"MultiHeadAttention: embed_dim {embed_dim} is not divisible by num_heads "
                f"{num_heads}: each head takes embed_dim // num_heads features."
            )
        self.embed_dim = embed_dim
        self.num_heads = num_heads
        self.in_proj_weight = nn.Parameter(torch.empty(3 * embed_dim, embed_dim))
        self.in_proj_bias: nn.Parameter | None
        if bias:
            self.in_proj_bias = nn.Parameter(torch.zeros(3 * embed_dim))
        else:
            self.register_parameter("in_proj_bias", None)
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        nn.init.xavier_uniform_(self.in_proj_weight)  # as nn.MultiheadAttention does

    def forward(self, x: Tensor, is_causal: bool = False) -> Tensor:
        """x (batch, length, embed_dim) -> (batch, length, embed_dim)."""
        batch, length, _ = x.shape
        q, k, v = F.linear(x, self.in_proj_weight, self.in_proj_bias).chunk(3, dim=-1)
        # (batch, length, E) -> (batch, heads, length, head_dim)
        q, k, v = (t.view(batch, length, self.num_heads, -1).transpose(1, 2) for t in (q, k, v))
        heads = scaled_dot_product_attention(q, k, v, is_causal=is_causal)
        merged = heads.transpose(1, 2).reshape(batch, length, self.embed_dim)
        out: Tensor = self.out_proj(merged)
        return out


class Block(nn.Module):
    """A pre-norm GPT block, named as nn.TransformerEncoderLayer(norm_first=True) names it:
    x + self_attn(norm1(x)) (causal), then + linear2(gelu(linear1(norm2(x))))."""

    def __init__(self, embed_dim: int, num_heads: int) -> None:
        super().__init__()
        self.norm1 = nn.LayerNorm(embed_dim)
        self.self_attn = MultiHeadAttention(embed_dim, num_heads)
        self.norm2 = nn.LayerNorm(embed_dim)
        self.linear1 = nn.Linear(embed_dim, 4 * embed_dim)
        self.linear2 = nn.Linear(4 * embed_dim, embed_dim)

    def forward(self, x: Tensor) -> Tensor:
        """x (batch, length, embed_dim) -> the same shape; position t sees positions <= t."""
        x = x + self.self_attn(self.norm1(x), is_causal=True)
        out: Tensor = x + self.linear2(F.gelu(self.linear1(self.norm2(x))))
        return out


# --- part 2: a character-level GPT ----------------------------------------------------------


class CharTokenizer:
    """One token per distinct character of the text, numbered in sorted order."""

    def __init__(self, text: str) -> None:
        self.vocab = sorted(set(text))
        self.index = {char: i for i, char in enumerate(self.vocab)}

    @property
    def vocab_size(self) -> int:
        return len(self.vocab)

    def encode(self, text: str) -> list[int]:
        """The token of each character; a character outside the vocabulary is a ValueError."""
        try:
            return [self.index[char] for char in text]
        except KeyError as exc:
            raise ValueError(
                f"CharTokenizer.encode: the character {exc.args[0]!r} is not in the "
                "vocabulary (the characters of the text the tokenizer was built on)."
            ) from None

    def decode(self, ids: Iterable[int] | Tensor) -> str:
        """The text of a sequence of tokens."""
        values = ids.tolist() if isinstance(ids, Tensor) else ids
        return "".join(self.vocab[int(i)] for i in values)


@dataclass(frozen=True)
class Config:
    """The model's shape and its training settings."""

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
    starts = torch.randint(len(ids) - block_size, (batch_size,), generator=generator)
    offsets = torch.arange(block_size)
    x = ids[starts[:, None] + offsets]
    y = ids[starts[:, None] + offsets + 1]
    return x, y


class GPT(nn.Module):
    """Token and position embeddings, config.num_layers causal Blocks, a final LayerNorm and a
    linear head to one logit per token of the vocabulary."""

    def __init__(self, vocab_size: int, config: Config) -> None:
        super().__init__()
        self.config = config
        self.token_embedding = nn.Embedding(vocab_size, config.embed_dim)
        self.position_embedding = nn.Embedding(config.block_size, config.embed_dim)
        self.blocks = nn.Sequential(
            *(Block(config.embed_dim, config.num_heads) for _ in range(config.num_layers))
        )
        self.norm = nn.LayerNorm(config.embed_dim)
        self.head = nn.Linear(config.embed_dim, vocab_size)

    def forward(self, idx: Tensor) -> Tensor:
        """idx (batch, length) of tokens, length <= block_size -> logits (batch, length, V)."""
        length = idx.shape[1]
        if length > self.config.block_size:
            raise ValueError(
                f"GPT: idx has shape {tuple(idx.shape)}, expected (batch, length) with length "
                f"at most block_size {self.config.block_size}."
            )
        positions = torch.arange(length, device=idx.device)
        x = self.token_embedding(idx) + self.position_embedding(positions)
        logits: Tensor = self.head(self.norm(self.blocks(x)))
        return logits


def train(ids: Tensor, vocab_size: int, config: Config) -> GPT:
    """A new GPT trained with AdamW on random windows of ids for config.steps steps (the mean
    cross-entropy of every next token), returned in eval mode. Seeded by config.seed."""
    torch.manual_seed(config.seed)
    model = GPT(vocab_size, config)
    optimizer = torch.optim.AdamW(model.parameters(), lr=config.learning_rate)
    batches = torch.Generator().manual_seed(config.seed)
    for _ in range(config.steps):
        x, y = get_batch(ids, config.block_size, config.batch_size, batches)
        logits = model(x)
        loss = F.cross_entropy(logits.flatten(0, 1), y.flatten())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model.eval()


def sample_next(
    logits: Tensor,
    temperature: float = 1.0,
    top_k: int | None = None,
    generator: torch.Generator | None = None,
) -> Tensor:
    """One token per row of logits (batch, V): drawn from softmax(logits / temperature),
    keeping only the top_k largest logits when top_k is given."""
    if temperature <= 0:
        raise ValueError(f"sample_next: temperature must be above 0, got {temperature}.")
    if top_k is not None and top_k < 1:
        raise ValueError(f"sample_next: top_k must be at least 1 (or None), got {top_k}.")
    scaled = logits / temperature
    if top_k is not None:  # a top_k above the vocabulary keeps every token
        kth = torch.topk(scaled, min(top_k, scaled.shape[-1]), dim=-1).values[..., -1:]
        scaled = scaled.masked_fill(scaled < kth, float("-inf"))
    probs = torch.softmax(scaled, dim=-1)
    return torch.multinomial(probs, 1, generator=generator).squeeze(-1)


@torch.no_grad()
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
    block_size = model.config.block_size
    for _ in range(max_new_tokens):
        logits = model(idx[:, -block_size:])[:, -1, :]
        token = sample_next(logits, temperature, top_k, generator)
        idx = torch.cat([idx, token[:, None]], dim=1)
    return idx


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
