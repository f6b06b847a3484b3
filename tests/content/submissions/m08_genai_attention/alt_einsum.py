"""Correct another way: attention with einsum and an additive -inf mask, the heads split by
slicing in_proj_weight, nanoGPT-style names inside the GPT (wte, wpe, ln_f, lm_head, a
ModuleList), a tokenizer built on str.index, windows cut with unfold, sampling by the
Gumbel-max trick, and a training loop with Adam and decoupled weight decay by hand."""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F


def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False):
    if query.size(-1) != key.size(-1):
        raise ValueError(f"query size {query.size(-1)} != key size {key.size(-1)}")
    if key.size(-2) != value.size(-2):
        raise ValueError(f"key length {key.size(-2)} != value length {value.size(-2)}")
    scores = torch.einsum("...le,...se->...ls", query, key) * query.size(-1) ** -0.5
    bias = torch.zeros(scores.shape[-2:], dtype=scores.dtype)
    if is_causal:
        future = torch.triu(torch.ones(scores.shape[-2:], dtype=torch.bool), diagonal=1)
        bias = bias.masked_fill(future, -math.inf)
    if attn_mask is not None:
        bias = torch.where(attn_mask, bias, torch.tensor(-math.inf, dtype=scores.dtype))
    scores = scores + bias
    scores = scores - scores.amax(dim=-1, keepdim=True)
    weights = scores.exp()
    weights = weights / weights.sum(dim=-1, keepdim=True)
    return torch.einsum("...ls,...sv->...lv", weights, value)


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim, num_heads, bias=True):
        super().__init__()
        if embed_dim % num_heads:
            raise ValueError(f"{num_heads} heads cannot share embed_dim {embed_dim} evenly")
        self.heads = num_heads
        self.in_proj_weight = nn.Parameter(torch.empty(3 * embed_dim, embed_dim))
        nn.init.xavier_uniform_(self.in_proj_weight)
        if bias:
            self.in_proj_bias = nn.Parameter(torch.zeros(3 * embed_dim))
        else:
            self.register_parameter("in_proj_bias", None)
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)

    def forward(self, x, is_causal=False):
        b, t, e = x.shape
        d = e // self.heads
        parts = []
        for i in range(3):
            w = self.in_proj_weight[i * e : (i + 1) * e]
            bias = None if self.in_proj_bias is None else self.in_proj_bias[i * e : (i + 1) * e]
            parts.append((x @ w.T + (0 if bias is None else bias)).reshape(b, t, self.heads, d))
        q, k, v = (p.permute(0, 2, 1, 3) for p in parts)
        out = scaled_dot_product_attention(q, k, v, is_causal=is_causal)
        return self.out_proj(out.permute(0, 2, 1, 3).reshape(b, t, e))


class Block(nn.Module):
    def __init__(self, embed_dim, num_heads):
        super().__init__()
        self.norm1 = nn.LayerNorm(embed_dim)
        self.norm2 = nn.LayerNorm(embed_dim)
        self.self_attn = MultiHeadAttention(embed_dim, num_heads)
        self.linear1 = nn.Linear(embed_dim, 4 * embed_dim)
        self.linear2 = nn.Linear(4 * embed_dim, embed_dim)

    def forward(self, x):
        attended = self.self_attn(self.norm1(x), is_causal=True)
        x = x + attended
        h = self.linear1(self.norm2(x))
        return x + self.linear2(0.5 * h * (1 + torch.erf(h / math.sqrt(2))))  # exact GELU


class CharTokenizer:
    def __init__(self, text):
        self.vocab = "".join(sorted(set(text)))

    @property
    def vocab_size(self):
        return len(self.vocab)

    def encode(self, text):
        missing = [c for c in text if c not in self.vocab]
        if missing:
            raise ValueError(f"unknown character {missing[0]!r}: not in the vocabulary")
        return [self.vocab.index(c) for c in text]

    def decode(self, ids):
        return "".join(self.vocab[i] for i in torch.as_tensor(ids).tolist())


@dataclass
class Config:
    block_size: int = 32
    embed_dim: int = 64
    num_heads: int = 4
    num_layers: int = 2
    batch_size: int = 32
    steps: int = 300
    learning_rate: float = 0.01
    seed: int = 0


def get_batch(ids, block_size, batch_size, generator=None):
    windows = ids.unfold(0, block_size + 1, 1)  # every window of block_size + 1 tokens
    rows = windows[torch.randint(0, windows.shape[0], (batch_size,), generator=generator)]
    return rows[:, :-1], rows[:, 1:]


class GPT(nn.Module):
    def __init__(self, vocab_size, config):
        super().__init__()
        self.config = config
        self.wte = nn.Embedding(vocab_size, config.embed_dim)
        self.wpe = nn.Parameter(torch.randn(config.block_size, config.embed_dim))
        self.h = nn.ModuleList(
            [Block(config.embed_dim, config.num_heads) for _ in range(config.num_layers)]
        )
        self.ln_f = nn.LayerNorm(config.embed_dim)
        self.lm_head = nn.Linear(config.embed_dim, vocab_size, bias=False)

    def forward(self, idx):
        if idx.size(1) > self.config.block_size:
            raise ValueError(f"context of {idx.size(1)} tokens exceeds block_size")
        x = self.wte(idx) + self.wpe[: idx.size(1)]
        for block in self.h:
            x = block(x)
        return self.lm_head(self.ln_f(x))


def train(ids, vocab_size, config):
    torch.manual_seed(config.seed)
    model = GPT(vocab_size, config)
    optimizer = torch.optim.Adam(model.parameters(), lr=config.learning_rate)
    rng = torch.Generator()
    rng.manual_seed(config.seed)
    step = 0
    while step < config.steps:
        x, y = get_batch(ids, config.block_size, config.batch_size, rng)
        loss = F.cross_entropy(model(x).reshape(-1, vocab_size), y.reshape(-1))
        model.zero_grad(set_to_none=True)
        loss.backward()
        with torch.no_grad():  # AdamW's decoupled weight decay, 0.01
            for p in model.parameters():
                p.mul_(1 - config.learning_rate * 0.01)
        optimizer.step()
        step += 1
    model.eval()
    return model


def sample_next(logits, temperature=1.0, top_k=None, generator=None):
    if not temperature > 0:
        raise ValueError("the temperature must be positive")
    if top_k is not None and top_k <= 0:
        raise ValueError("top_k must be a positive number of tokens")
    scaled = logits.double() / temperature
    if top_k is not None and top_k < scaled.shape[-1]:
        order = scaled.sort(dim=-1, descending=True).values
        scaled = torch.where(scaled >= order[..., top_k - 1 : top_k], scaled, -math.inf)
    uniform = torch.rand(scaled.shape, generator=generator, dtype=torch.float64)
    gumbel = -torch.log(-torch.log(uniform.clamp_min(1e-300)))
    return (scaled + gumbel).argmax(dim=-1)


def generate(model, idx, max_new_tokens, temperature=1.0, top_k=None, generator=None):
    with torch.no_grad():
        out = idx
        for _ in range(max_new_tokens):
            context = out[:, max(0, out.shape[1] - model.config.block_size) :]
            last = model(context)[:, -1]
            out = torch.cat([out, sample_next(last, temperature, top_k, generator)[:, None]], 1)
        return out
