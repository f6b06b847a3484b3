"""The m08-genai-gan reference project (airoadmap.lab.gan): a whole run on a tiny budget (256
training images, 2 epochs, 200 samples, 500 test images), its artifacts and metrics replayed
independently."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from airoadmap.errors import AiroadmapError
from airoadmap.lab.gan import project, quality
from airoadmap.lab.stages import listening
from tests.data_needed import missing_data

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TINY = {"epochs": 2}

pytestmark = pytest.mark.skipif(
    bool(missing_data("m08-genai-gan")), reason=missing_data("m08-genai-gan") or ""
)


@pytest.fixture()
def tiny(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(project, "CONFIG_CHANGES", dict(TINY))
    monkeypatch.setattr(project, "TRAIN_IMAGES", 256)
    monkeypatch.setattr(project, "TEST_IMAGES", 500)
    monkeypatch.setattr(project, "SAMPLES", 200)
    monkeypatch.setattr(project, "CLASSIFIER_EPOCHS", 1)


@pytest.mark.usefixtures("tiny")
def test_a_tiny_run_writes_its_artifacts_and_measures_what_it_says(tmp_path: Path) -> None:
    stages: list[str] = []
    with listening(stages.append):
        metrics = project.run(tmp_path)
    names = ["class_shares.png", "samples.png", "model_card.md", "report.md", "generator.pt"]
    names += [f"samples/samples_epoch_{k}.png" for k in (1, 2)] + ["samples/losses.png"]
    for name in names:
        assert (tmp_path / name).stat().st_size > 0, name
    for figure in ("class_shares.png", "samples.png"):
        assert (tmp_path / figure).read_bytes()[:8] == PNG_SIGNATURE, figure
    assert [s for s in stages if s.startswith("training: epoch")][-2:] == [
        project._progress(1, 2),
        project._progress(2, 2),
    ]

    assert [h["epoch"] for h in metrics["history"]] == [1, 2]
    assert metrics["train_images"] == 256 and metrics["judged_images"] == 200
    assert sum(metrics["sample_shares"]) == pytest.approx(1.0)
    assert metrics["classes_covered"] == sum(
        s >= quality.COVERED_SHARE for s in metrics["sample_shares"]
    )
    for key in ("sample_score", "untrained_score", "real_score"):
        assert 1.0 - 1e-9 <= metrics[key] <= 10.0, key
    assert metrics["goal"]["met"] is False  # 256 images and 2 epochs cannot draw clothes

    # The saved weights draw the last grid: replayed with the solution's own generator.
    sol = project.solution()
    generator = sol.make_generator(metrics["config"]["latent_dim"])
    generator.load_state_dict(torch.load(tmp_path / "generator.pt"))
    z = sol.fixed_latents(sol.Config(**metrics["config"]))
    with torch.no_grad():
        images = generator.eval()(z)
    tiles = (images.reshape(8, 8, 28, 28).permute(0, 2, 1, 3).reshape(224, 224) * 255).round()
    grid = np.asarray(Image.open(tmp_path / "samples/samples_epoch_2.png"), dtype=np.int64)
    assert np.abs(grid - tiles.numpy()).max() <= 1

    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert (
        f"**Score {metrics['sample_score']:.2f} over {metrics['classes_covered']} classes**"
        in report
    )
    assert "**not met**" in report


def test_the_score_is_one_for_a_single_class_and_ten_for_ten_sure_classes() -> None:
    one = torch.zeros(50, 10, dtype=torch.float64)
    one[:, 3] = 1.0
    assert quality.quality(one).score == pytest.approx(1.0)
    sure = torch.eye(10, dtype=torch.float64).repeat(5, 1)
    assert quality.quality(sure).score == pytest.approx(10.0)
    assert quality.quality(sure).covered == 10


def test_cuda_is_refused_with_the_reason(tmp_path: Path) -> None:
    with pytest.raises(AiroadmapError, match="CPU"):
        project.run(tmp_path, device="cuda")
