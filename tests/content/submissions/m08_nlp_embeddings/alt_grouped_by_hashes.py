"""Correct another way: words found by grouping each token with the '##' pieces after it,
pooling with einsum, batches in the order given, search with torch.topk, default TF-IDF and a
linear SVM on the vectors."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import torch
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

UNKNOWN = "[UNK]"


def word_pieces(tokenizer, text):
    encoding = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    groups = []
    for token, (start, end) in zip(encoding.tokens(), encoding["offset_mapping"], strict=True):
        if token.startswith("##") and groups:
            groups[-1][1] = end
            groups[-1][2].append(token)
        else:
            groups.append([start, end, [token]])
    return [(text[start:end], pieces) for start, end, pieces in groups]


@dataclass(frozen=True)
class TokenReport:
    texts: int
    words: int
    tokens: int
    unknown: int
    split: int
    split_words: Counter
    unknown_words: Counter


def token_report(tokenizer, texts):
    pairs = [pair for text in texts for pair in word_pieces(tokenizer, text)]
    return TokenReport(
        texts=len(texts),
        words=len(pairs),
        tokens=sum(len(p) for _, p in pairs),
        unknown=sum(p.count(UNKNOWN) for _, p in pairs),
        split=sum(len(p) > 1 for _, p in pairs),
        split_words=Counter(w for w, p in pairs if len(p) > 1),
        unknown_words=Counter(w for w, p in pairs if UNKNOWN in p),
    )


def mean_pool(token_vectors, attention_mask):
    if token_vectors.dim() != 3 or tuple(attention_mask.shape) != tuple(token_vectors.shape[:2]):
        raise ValueError("mean_pool: the mask's shape must be the vectors' first two sizes")
    weights = attention_mask.to(token_vectors.dtype)
    counts = weights.sum(dim=1, keepdim=True)
    if (counts == 0).any():
        raise ValueError("mean_pool: a sentence's mask keeps no token")
    return torch.einsum("bth,bt->bh", token_vectors, weights) / counts


def embed(model, tokenizer, texts, *, batch_size=8, max_length=256, normalize=True):
    if batch_size <= 0:
        raise ValueError("batch_size must be positive")
    model.eval()
    parts = []
    with torch.no_grad():
        for i in range(0, len(texts), batch_size):
            batch = tokenizer(
                list(texts[i : i + batch_size]),
                padding="longest",
                truncation=True,
                max_length=max_length,
                return_tensors="pt",
            )
            out = model(
                input_ids=batch["input_ids"],
                attention_mask=batch["attention_mask"],
                token_type_ids=batch["token_type_ids"],
            )
            pooled = mean_pool(out[0], batch["attention_mask"])
            if normalize:
                pooled = pooled / pooled.norm(dim=1, keepdim=True)
            parts.append(pooled)
    if not parts:
        return np.zeros((0, model.config.hidden_size), dtype=np.float32)
    return torch.cat(parts).numpy().astype(np.float32)


def top_k(queries, corpus, k):
    q = torch.as_tensor(np.asarray(queries), dtype=torch.float64)
    c = torch.as_tensor(np.asarray(corpus), dtype=torch.float64)
    if q.dim() != 2 or c.dim() != 2 or q.shape[1] != c.shape[1]:
        raise ValueError(f"top_k: shapes {tuple(q.shape)} and {tuple(c.shape)} do not match")
    if k < 1 or k > c.shape[0]:
        raise ValueError(f"top_k: k={k} must lie in 1..{c.shape[0]}")
    if (q.norm(dim=1) == 0).any() or (c.norm(dim=1) == 0).any():
        raise ValueError("top_k: zero vectors have no cosine similarity")
    sims = torch.nn.functional.normalize(q, dim=1) @ torch.nn.functional.normalize(c, dim=1).T
    values, indices = torch.topk(sims, k, dim=1)
    return values.numpy(), indices.numpy()


def tfidf_baseline():
    return Pipeline([("tfidf", TfidfVectorizer()), ("model", LogisticRegression(max_iter=1000))])


def embedding_classifier():
    return LinearSVC()


def compare(train_texts, train_labels, test_texts, test_labels, train_vectors, test_vectors):
    baseline = tfidf_baseline().fit(train_texts, train_labels)
    frozen = embedding_classifier().fit(train_vectors, train_labels)
    return {
        "tfidf": accuracy_score(test_labels, baseline.predict(test_texts)),
        "embeddings": accuracy_score(test_labels, frozen.predict(test_vectors)),
    }
