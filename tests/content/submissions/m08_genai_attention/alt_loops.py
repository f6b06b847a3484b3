"""Correct another way: attention head by head in a Python loop with a float causal mask,
q, k and v as three slices of in_proj_weight applied with F.linear, the tokenizer as two
dicts, windows sliced one by one, sampling by the inverse of the cumulative distribution, and
generate under a `with torch.no_grad()` block."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F


def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False):
    if query.shape[-1] != key.shape[-1] or key.shape[-2] != value.shape[-2]:
        raise ValueError(
            f"shapes do not fit: query {list(query.shape)}, key {list(key.shape)}, "
            f"value {list(value.shape)}"
        )
    scores = (
        torch.matmul(query, key.transpose(-1, -2))
        / torch.tensor(float(query.shape[-1]), dtype=query.dtype).sqrt()
    )
    allowed = torch.ones(scores.shape[-2:], dtype=torch.bool)
    if is_causal:
        allowed = allowed & (
            torch.arange(scores.shape[-2])[:, None] >= torch.arange(scores.shape[-1])[None, :]
        )
    if attn_mask is not None:
        allowed = allowed & attn_mask
    scores = torch.where(allowed, scores, torch.full_like(scores, float("-inf")))
    return F.softmax(scores, dim=-1).matmul(value)


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim, num_heads, bias=True):
        super().__init__()
        if embed_dim % num_heads != 0:
            raise ValueError("embed_dim must be divisible by num_heads")
        self.embed_dim, self.num_heads = embed_dim, num_heads
        self.in_proj_weight = nn.Parameter(
            nn.init.xavier_uniform_(torch.empty(3 * embed_dim, embed_dim))
        )
        self.in_proj_bias = nn.Parameter(torch.zeros(3 * embed_dim)) if bias else None
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)

    def forward(self, x, is_causal=False):
        e, d = self.embed_dim, self.embed_dim // self.num_heads
        w_q, w_k, w_v = self.in_proj_weight.split(e)
        if self.in_proj_bias is None:
            b_q = b_k = b_v = None
        else:
            b_q, b_k, b_v = self.in_proj_bias.split(e)
        q, k, v = F.linear(x, w_q, b_q), F.linear(x, w_k, b_k), F.linear(x, w_v, b_v)
        heads = []
        for h in range(self.num_heads):
            part = slice(h * d, (h + 1) * d)
            heads.append(
                scaled_dot_product_attention(
                    q[..., part], k[..., part], v[..., part], is_causal=is_causal
                )
            )
        return self.out_proj(torch.cat(heads, dim=-1))


class Block(nn.Module):
    def __init__(self, embed_dim, num_heads):
        super().__init__()
        self.self_attn = MultiHeadAttention(embed_dim, num_heads)
        self.linear1 = nn.Linear(embed_dim, 4 * embed_dim)
        self.linear2 = nn.Linear(4 * embed_dim, embed_dim)
        self.norm1 = nn.LayerNorm(embed_dim)
        self.norm2 = nn.LayerNorm(embed_dim)

    def forward(self, x):
        h = x + self.self_attn(self.norm1(x), True)
        return h + self.linear2(F.gelu(self.linear1(self.norm2(h))))


class CharTokenizer:
    def __init__(self, text):
        chars = sorted(set(text))
        self.stoi = {c: i for i, c in enumerate(chars)}
        self.itos = dict(enumerate(chars))

    @property
    def vocab(self):
        return [self.itos[i] for i in range(len(self.itos))]

    @property
    def vocab_size(self):
        return len(self.stoi)

    def encode(self, text):
        out = []
        for c in text:
            if c not in self.stoi:
                raise ValueError(f"character {c!r} is not in the vocabulary")
            out.append(self.stoi[c])
        return out

    def decode(self, ids):
        if isinstance(ids, torch.Tensor):
            ids = ids.tolist()
        return "".join(self.itos[i] for i in ids)


@dataclass(frozen=True)
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
    starts = torch.randint(0, len(ids) - block_size, (batch_size,), generator=generator)
    x = torch.stack([ids[s : s + block_size] for s in starts.tolist()])
    y = torch.stack([ids[s + 1 : s + block_size + 1] for s in starts.tolist()])
    return x, y


class GPT(nn.Module):
    def __init__(self, vocab_size, config):
        super().__init__()
        self.config = config
        self.tokens = nn.Embedding(vocab_size, config.embed_dim)
        self.positions = nn.Embedding(config.block_size, config.embed_dim)
        self.layers = nn.ModuleList(
            Block(config.embed_dim, config.num_heads) for _ in range(config.num_layers)
        )
        self.final_norm = nn.LayerNorm(config.embed_dim)
        self.to_logits = nn.Linear(config.embed_dim, vocab_size)

    def forward(self, idx):
        t = idx.shape[1]
        if t > self.config.block_size:
            raise ValueError(
                f"sequence length {t} is longer than block_size {self.config.block_size}"
            )
        h = self.tokens(idx) + self.positions.weight[:t]
        for layer in self.layers:
            h = layer(h)
        return self.to_logits(self.final_norm(h))


def train(ids, vocab_size, config):
    torch.manual_seed(config.seed)
    model = GPT(vocab_size, config)
    optimizer = torch.optim.AdamW(model.parameters(), lr=config.learning_rate, betas=(0.9, 0.99))
    generator = torch.Generator()
    generator.manual_seed(config.seed)
    for _ in range(config.steps):
        x, y = get_batch(ids, config.block_size, config.batch_size, generator)
        logits = model(x)
        loss = F.cross_entropy(logits.view(-1, logits.shape[-1]), y.view(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model.train(False)


def sample_next(logits, temperature=1.0, top_k=None, generator=None):
    if temperature <= 0.0:
        raise ValueError(f"temperature {temperature} must be > 0")
    if top_k is not None and top_k < 1:
        raise ValueError(f"top_k {top_k} must be >= 1")
    probs = F.softmax(logits.double() / temperature, dim=-1)
    if top_k is not None and top_k < probs.shape[-1]:
        kth = probs.topk(top_k, dim=-1).values[:, -1:]
        probs = torch.where(probs >= kth, probs, torch.zeros_like(probs))
        probs = probs / probs.sum(dim=-1, keepdim=True)
    cdf = probs.cumsum(dim=-1)
    u = torch.rand(probs.shape[0], 1, generator=generator, dtype=torch.float64) * cdf[:, -1:]
    return torch.searchsorted(cdf, u).squeeze(-1).clamp_max(probs.shape[-1] - 1)


def generate(model, idx, max_new_tokens, temperature=1.0, top_k=None, generator=None):
    block = model.config.block_size
    with torch.no_grad():
        for _ in range(max_new_tokens):
            logits = model(idx if idx.shape[1] <= block else idx[:, -block:])
            nxt = sample_next(logits[:, -1, :], temperature, top_k, generator)
            idx = torch.cat((idx, nxt.unsqueeze(1)), dim=1)
    return idx
