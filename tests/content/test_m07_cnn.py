"""What is specific to m07-cnn's checks: the label-smoothing floor is torch's least loss, the
weight decay read from the probe is AdamW's under a one-cycle schedule that also cycles the
momentum, the optimizer hook sees every step's learning rate, each shift and flip is told
apart, the training statistics are exact, and a missing data set is the installation's
problem, said in one line."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import pytest
import torch
from torch import nn
from torch.nn import functional as F

from airoadmap.errors import DatasetError, GradingError
from tests.content.contracts import load_checks


@pytest.fixture(scope="module")
def checks() -> ModuleType:
    return load_checks("m07-cnn", "_m07_cnn_checks_under_test")


@pytest.mark.parametrize(("epsilon", "classes"), [(0.1, 10), (0.3, 4), (0.5, 3)])
def test_the_smoothing_floor_is_the_least_smoothed_cross_entropy(
    checks: ModuleType, epsilon: float, classes: int
) -> None:
    # The loss is least when the softmax equals the smoothed target itself.
    target = torch.full((1, classes), epsilon / classes)
    target[0, 0] += 1.0 - epsilon
    least = F.cross_entropy(target.log(), torch.tensor([0]), label_smoothing=epsilon)
    assert checks._smoothing_floor(epsilon, classes) == pytest.approx(least.item(), rel=1e-6)
    nearby = target.log() + 0.01 * torch.randn(
        1, classes, generator=torch.Generator().manual_seed(0)
    )
    above = F.cross_entropy(nearby, torch.tensor([0]), label_smoothing=epsilon).item()
    assert above > checks._smoothing_floor(epsilon, classes)


@pytest.mark.parametrize("optimizer", ["adamw", "adam"])
def test_the_probe_reads_adamws_weight_decay_and_not_adams(
    checks: ModuleType, optimizer: str
) -> None:
    model = checks.RecordingNet(4, 2, seed=0)
    make = torch.optim.AdamW if optimizer == "adamw" else torch.optim.Adam
    opt = make(model.parameters(), lr=0.01, weight_decay=0.25)
    schedule = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.01, total_steps=20)
    x, y = torch.randn(8, 4), torch.tensor([0, 1] * 4)
    with checks._optimizer_steps(model.probe_weight) as steps:
        for _ in range(20):
            loss = F.cross_entropy(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            schedule.step()
    assert len(steps) == 20
    lrs = np.array([lr for lr, _ in steps])
    np.testing.assert_allclose(lrs.max(), 0.01, rtol=0.02)
    decay = checks._decay_steps([value for _, value in steps]) / lrs[:-1]
    if optimizer == "adamw":
        np.testing.assert_allclose(decay, 0.25, rtol=1e-6)
    else:  # Adam adds the decay to the gradient, where its normalisation hides it at first
        assert np.abs(decay[:3]).max() < 0.05


def test_the_hook_is_gone_after_the_block(checks: ModuleType) -> None:
    param = nn.Parameter(torch.ones(2))
    opt = torch.optim.SGD([param], lr=0.1)
    with checks._optimizer_steps(param) as steps:
        param.sum().backward()
        opt.step()
    param.sum().backward()
    opt.step()
    assert len(steps) == 1


def test_every_shift_and_flip_is_told_apart(checks: ModuleType) -> None:
    images = checks._normal_batch((3, 2, 5, 6), seed=0)
    variants, ops = checks._variants(images, padding=2)
    assert len(ops) == len(set(ops)) == 50
    assert variants.shape == (3, 50, 2, 5, 6)
    keys = {checks._key(variants[i, v]) for i in range(3) for v in range(50)}
    assert len(keys) == 150
    # A shift of (dy, dx) = (1, -2), and its flip (the shift (1, 2) of the flipped image),
    # written out by hand.
    shifted = torch.zeros_like(images[1])
    shifted[:, :4, 2:] = images[1][:, 1:, :4]
    found = checks._identify(images, torch.stack([shifted.flip(-1), shifted]), padding=2)
    assert found == [(1, (1, 2, True)), (1, (1, -2, False))]
    assert checks._identify(images, images[:1] + 1.0, padding=2) == [None]


def test_the_training_statistics_are_exact(
    checks: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    images = np.random.default_rng(0).integers(0, 256, size=(50, 7, 7), dtype=np.uint8)
    monkeypatch.setattr(checks, "_fashion", lambda split: (images, np.zeros(50)))
    checks._train_stats.cache_clear()
    (mean,), (std,) = checks._train_stats()
    checks._train_stats.cache_clear()
    x = images.astype(np.float64) / 255.0
    assert mean == pytest.approx(x.mean(), rel=1e-12)
    assert std == pytest.approx(x.std(), rel=1e-12)


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
