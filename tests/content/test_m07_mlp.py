"""What is specific to m07-mlp's checks: the scripted early-stopping cases say what the brief
says, the recording model's arithmetic matches torch, and a missing data set is the
installation's problem, said in one line."""

from __future__ import annotations

import math
from types import ModuleType

import numpy as np
import pytest
import torch
from torch.nn import functional as F

from airoadmap.errors import DatasetError, GradingError
from tests.content.contracts import load_checks


@pytest.fixture(scope="module")
def checks() -> ModuleType:
    return load_checks("m07-mlp", "_m07_mlp_checks_under_test")


def _stops(script: tuple[float, ...], patience: int) -> tuple[int, int]:
    """(epochs run, best epoch) of early stopping on `script`, written out independently."""
    best_epoch = 1
    for epoch in range(2, len(script) + 1):
        if script[epoch - 1] < min(script[: epoch - 1]):
            best_epoch = epoch
        elif epoch - best_epoch >= patience:
            return epoch, best_epoch
    return len(script), best_epoch


def test_the_scripted_runs_stop_where_the_brief_says(checks: ModuleType) -> None:
    # The brief: "1.5, 1.0, 1.2, 1.1, 1.3, ... with patience 2: the run must stop after epoch 4".
    assert checks.STOPPING_SCRIPT[:5] == (1.5, 1.0, 1.2, 1.1, 1.3)
    assert checks.STOPPING_PATIENCE == 2
    assert _stops(checks.STOPPING_SCRIPT, checks.STOPPING_PATIENCE) == (4, 2)
    # Patience + 1 would run a fifth epoch, so an off-by-one shows in the epoch count.
    assert _stops(checks.STOPPING_SCRIPT, checks.STOPPING_PATIENCE + 1) == (5, 2)
    # Without a stop the best epoch is not the last one, and a tie follows it: keeping the
    # last weights, or counting the tie as an improvement, leaves another epoch's weights.
    runs, best = _stops(checks.BEST_SCRIPT, checks.BEST_PATIENCE)
    assert (runs, best) == (len(checks.BEST_SCRIPT), 2)
    assert checks.BEST_SCRIPT[2] == checks.BEST_SCRIPT[1]
    # Every scripted loss is one a logit can give: below log(10), the loss of a uniform guess.
    scripted = checks.STOPPING_SCRIPT + checks.BEST_SCRIPT
    assert all(0 < v < math.log(checks.CLASSES) for v in scripted)


@pytest.mark.parametrize("loss", [0.2, 0.8, 1.0, 1.5, 2.2])
def test_a_scripted_logit_gives_its_loss(checks: ModuleType, loss: float) -> None:
    logits = torch.zeros(4, checks.CLASSES)
    labels = torch.tensor([0, 3, 9, 3])
    logits[torch.arange(4), labels] = checks._logit_for(loss)
    assert F.cross_entropy(logits, labels).item() == pytest.approx(loss, rel=1e-6)


def test_the_checks_cross_entropy_is_torchs(checks: ModuleType) -> None:
    rng = np.random.default_rng(0)
    logits = rng.normal(scale=5.0, size=(50, 10))
    labels = rng.integers(0, 10, size=50)
    ours = checks._cross_entropy(logits, labels)
    theirs = F.cross_entropy(torch.tensor(logits), torch.tensor(labels), reduction="none")
    np.testing.assert_allclose(ours, theirs.numpy(), rtol=1e-12)


def test_calls_are_cut_into_epochs_at_each_training_step_after_an_evaluation(
    checks: ModuleType,
) -> None:
    def call(stepped: bool) -> object:
        return checks.Call(
            np.zeros(1, dtype=np.int64), stepped, stepped, np.zeros((1, 10)), stepped
        )

    pattern = [True, True, False, False, True, False, True, True]
    epochs = checks._epochs([call(s) for s in pattern])
    assert [(len(e.steps), len(e.evals)) for e in epochs] == [(2, 2), (1, 1), (2, 0)]
    # An evaluation before any training step is an epoch without steps (the check fails it).
    first = checks._epochs([call(False), call(True)])
    assert [(len(e.steps), len(e.evals)) for e in first] == [(0, 1), (1, 0)]


def test_an_image_is_told_by_its_pixels_whatever_the_batch_shape(checks: ModuleType) -> None:
    images = torch.rand(3, 784)
    flat = checks._rows(images)
    assert checks._rows(images.reshape(3, 1, 28, 28)) == flat
    assert checks._rows(images.reshape(3, 28, 28)[[2, 0]]) == [flat[2], flat[0]]
    assert len(set(flat)) == 3


def test_a_missing_data_set_is_the_installations_problem(
    checks: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    import airoadmap.datasets

    def missing(name: str, **options: object) -> None:
        raise DatasetError(f"{name}: apt install dataset-fashion-mnist")

    monkeypatch.setattr(airoadmap.datasets, "load_arrays", missing)
    checks._fashion.cache_clear()
    with pytest.raises(GradingError, match=r"need Fashion-MNIST: .*apt install dataset-fashion"):
        checks._fashion("train")
    checks._fashion.cache_clear()
