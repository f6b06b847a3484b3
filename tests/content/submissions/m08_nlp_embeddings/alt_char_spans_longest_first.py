"""Correct another way: words from the encoding's word_to_chars and word_to_tokens, pooling
with masked_fill, batches padded with tokenizer.pad longest first, search with argpartition,
character n-gram TF-IDF and a default logistic regression on the vectors."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline


def word_pieces(tokenizer, text):
    encoding = tokenizer(text, add_special_tokens=False)
    tokens = encoding.tokens()
    n_words = max((w for w in encoding.word_ids() if w is not None), default=-1) + 1
    out = []
    for w in range(n_words):
        chars, span = encoding.word_to_chars(w), encoding.word_to_tokens(w)
        out.append([text[chars.start : chars.end], tokens[span.start : span.end]])
    return out


@dataclass
class TokenReport:
    texts: int = 0
    words: int = 0
    tokens: int = 0
    unknown: int = 0
    split: int = 0
    split_words: Counter = field(default_factory=Counter)
    unknown_words: Counter = field(default_factory=Counter)


def token_report(tokenizer, texts):
    report = TokenReport(texts=len(texts))
    for text in texts:
        for word, pieces in word_pieces(tokenizer, text):
            report.words += 1
            report.tokens += len(pieces)
            report.unknown += sum(p == "[UNK]" for p in pieces)
            if len(pieces) >= 2:
                report.split += 1
                report.split_words.update([word])
            if "[UNK]" in pieces:
                report.unknown_words.update([word])
    return report


def mean_pool(token_vectors, attention_mask):
    if attention_mask.dim() != 2 or token_vectors.shape[:2] != attention_mask.shape:
        raise ValueError("mean_pool: vectors and mask have shapes that do not fit")
    keep = attention_mask.bool()
    counts = keep.sum(dim=1)
    if int(counts.min()) == 0:
        raise ValueError("mean_pool: one mask has no token")
    summed = token_vectors.masked_fill(~keep.unsqueeze(-1), 0.0).sum(dim=1)
    return summed / counts.unsqueeze(-1).to(token_vectors.dtype)


def embed(model, tokenizer, texts, *, batch_size=32, max_length=256, normalize=True):
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"embed: batch_size {batch_size} is not a positive integer")
    model.train(False)
    encoded = tokenizer(list(texts), truncation=True, max_length=max_length)
    ids = encoded["input_ids"]
    order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))
    result = np.zeros((len(ids), model.config.hidden_size), dtype=np.float32)
    with torch.inference_mode():
        for first in range(0, len(order), batch_size):
            chosen = order[first : first + batch_size]
            features = [{key: encoded[key][i] for key in encoded} for i in chosen]
            batch = tokenizer.pad(features, return_tensors="pt")
            hidden = model(**batch).last_hidden_state
            vectors = mean_pool(hidden, batch["attention_mask"])
            if normalize:
                vectors = F.normalize(vectors, p=2, dim=-1)
            result[chosen] = vectors.numpy()
    return result


def top_k(queries, corpus, k):
    q, c = np.asarray(queries, dtype=float), np.asarray(corpus, dtype=float)
    if q.ndim != 2 or c.ndim != 2:
        raise ValueError("top_k takes 2-D arrays")
    if q.shape[1] != c.shape[1]:
        raise ValueError(f"top_k: width {q.shape[1]} and {c.shape[1]} differ")
    if not 0 < k <= c.shape[0]:
        raise ValueError(f"top_k: k={k} is out of range")
    qn, cn = np.linalg.norm(q, axis=1), np.linalg.norm(c, axis=1)
    if (qn == 0).any() or (cn == 0).any():
        raise ValueError("top_k: zero vector")
    sims = (q @ c.T) / np.outer(qn, cn)
    part = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    rows = np.arange(len(q))[:, None]
    ranked = part[rows, np.argsort(-sims[rows, part], axis=1)]
    return sims[rows, ranked], ranked


def tfidf_baseline():
    return make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)),
        LogisticRegression(C=10.0, max_iter=2000),
    )


def embedding_classifier():
    return LogisticRegression(max_iter=1000)


def compare(train_texts, train_labels, test_texts, test_labels, train_vectors, test_vectors):
    def accuracy(predicted):
        return sum(p == t for p, t in zip(predicted, test_labels, strict=True)) / len(test_labels)

    tfidf = tfidf_baseline().fit(train_texts, train_labels)
    frozen = embedding_classifier().fit(train_vectors, train_labels)
    return {
        "embeddings": accuracy(frozen.predict(test_vectors)),
        "tfidf": accuracy(tfidf.predict(test_texts)),
    }
