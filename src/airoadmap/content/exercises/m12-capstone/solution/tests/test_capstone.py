"""The project's own tests: the data split, the model against its baseline, the fairness sums."""

from __future__ import annotations

import data
import numpy as np
import train


def test_split_is_disjoint_and_reproducible() -> None:
    frame = data.load_frame()
    first_train, first_test = data.split(frame)
    again_train, _ = data.split(frame)
    assert len(first_train) + len(first_test) == len(frame)
    assert first_train.equals(again_train)


def test_model_beats_the_baseline_on_the_test_rows(tmp_path) -> None:
    metrics = train.run(tmp_path)
    assert metrics["score"] > metrics["baseline_score"] + 0.1
    assert (tmp_path / "model.joblib").is_file()


def test_group_rates_by_hand() -> None:
    truth = np.array([1, 0, 1, 0, 1, 1])
    pred = np.array([1, 1, 0, 0, 1, 0])
    groups = np.array(["a", "a", "a", "b", "b", "b"])
    rates = train.group_rates(truth, pred, groups)
    assert rates["groups"]["a"]["selection_rate"] == round(2 / 3, 4)
    assert rates["groups"]["b"]["true_positive_rate"] == 0.5
    assert abs(rates["demographic_parity_difference"] - 1 / 3) < 1e-3
