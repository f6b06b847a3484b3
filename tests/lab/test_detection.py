"""The m08-cv-detection reference project (airoadmap.lab.detection): a whole run on a tiny
budget (96 training scenes, 2 epochs), its artifacts and metrics replayed independently."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
import torch

from airoadmap.curriculum.loader import exercise_dir
from airoadmap.errors import AiroadmapError
from airoadmap.lab.detection import coco, project, scenes
from airoadmap.lab.stages import listening

pytest.importorskip("pycocotools")

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TINY = {"epochs": 2, "batch_size": 16}
TRAIN, VALIDATION, TEST = 96, 16, 24


@pytest.fixture()
def tiny(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(project, "CONFIG_CHANGES", dict(TINY))
    monkeypatch.setattr(project, "TRAIN_SCENES", TRAIN)
    monkeypatch.setattr(project, "VALIDATION_SCENES", VALIDATION)
    monkeypatch.setattr(project, "TEST_SCENES", TEST)


@pytest.mark.usefixtures("tiny")
def test_a_tiny_run_writes_its_artifacts_and_measures_what_it_says(tmp_path: Path) -> None:
    stages: list[str] = []
    with listening(stages.append):
        metrics = project.run(tmp_path)
    names = ("learning_curve.png", "detections.png", "precision_recall.png", "model_card.md")
    for name in (*names, "report.md", "model.pt"):
        assert (tmp_path / name).stat().st_size > 0, name
    for name in names[:3]:
        assert (tmp_path / name).read_bytes()[:8] == PNG_SIGNATURE, name

    # The saved network is the solution's train_detector's, weight for weight.
    sol = project.solution()
    images, truths = scenes.make_scenes(TRAIN, project.TRAIN_SEED)
    targets = torch.stack([sol.encode_targets(t["boxes"], t["labels"]) for t in truths])
    config = sol.Config(**{**TINY, "seed": 0})
    expected = sol.train_detector(torch.tensor(images), targets, config).state_dict()
    saved = torch.load(tmp_path / "model.pt")
    assert saved.keys() == expected.keys()
    assert all(torch.equal(saved[k], expected[k]) for k in saved)

    # Its detections on the held-out scenes, scored here again by pycocotools.
    model = sol.GridDetector()
    model.load_state_dict(saved)
    test_images, test_truths = scenes.make_scenes(TEST, project.TEST_SEED)
    found = sol.detect(model, torch.tensor(test_images))
    again = coco.evaluate(found, test_truths)
    assert metrics["map50"] == pytest.approx(again.precision[0].mean())
    assert metrics["map50_95"] == pytest.approx(again.precision.mean())
    assert metrics["detections"] == sum(len(f["labels"]) for f in found)
    assert metrics["test_objects"] == sum(len(t["labels"]) for t in test_truths)
    assert metrics["solution_map50"] == pytest.approx(metrics["map50"], abs=1e-9)
    assert metrics["solution_map50_95"] == pytest.approx(metrics["map50_95"], abs=1e-9)
    assert metrics["largest_difference"] < 1e-9
    assert len(metrics["epoch_losses"]) == len(metrics["validation_map50"]) == TINY["epochs"]
    assert metrics["goal"]["met"] is False  # 2 epochs on 96 scenes find few shapes

    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert f"**mAP@0.5 {metrics['map50']:.4f}, mAP@[.5:.95] {metrics['map50_95']:.4f}**" in report
    assert "**not met**" in report
    card = (tmp_path / "model_card.md").read_text(encoding="utf-8")
    assert f"{metrics['parameters']:,} parameters" in card

    assert stages[1] == "training: epoch 0 of 2 ╸" + "─" * 23
    assert stages[2].startswith("training: epoch 1 of 2 ")
    assert f"detecting on {TEST} held-out scenes" in stages[4]


def test_cuda_and_unknown_devices_are_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(AiroadmapError, match="trains on the CPU") as info:
        project.run(tmp_path, device="cuda")
    assert "\n" not in str(info.value) and "--device cpu" in str(info.value)
    with pytest.raises(AiroadmapError, match="use one of auto, cpu, cuda"):
        project.run(tmp_path, device="gpu")
    assert list(tmp_path.iterdir()) == []


def test_the_scenes_are_the_ones_the_checks_draw() -> None:
    path = exercise_dir(project.EXERCISE) / "checks.py"
    spec = importlib.util.spec_from_file_location("m08_cv_detection_checks_for_lab", path)
    assert spec is not None and spec.loader is not None
    checks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(checks)
    theirs, their_truths = checks._scenes(20, 5)
    mine, my_truths = scenes.make_scenes(20, 5)
    assert np.array_equal(mine, theirs)
    for a, b in zip(my_truths, their_truths, strict=True):
        assert np.array_equal(a["boxes"], b["boxes"]) and np.array_equal(a["labels"], b["labels"])


def test_pycocotools_gives_perfect_and_empty_detections_1_and_0() -> None:
    _, truths = scenes.make_scenes(10, 3)
    perfect = [{**t, "scores": np.linspace(1.0, 0.5, len(t["labels"]))} for t in truths]
    assert coco.evaluate(perfect, truths).map_50_95() == pytest.approx(1.0)
    empty = [{"boxes": np.zeros((0, 4)), "scores": [], "labels": []} for _ in truths]
    nothing = coco.evaluate(empty, truths)
    assert nothing.precision.shape == (10, 101, 3) and nothing.map_50_95() == 0.0


def test_the_progress_stage_draws_a_bar() -> None:
    assert project._progress(0, 12, None, None) == "training: epoch 0 of 12 ╸" + "─" * 23
    done = project._progress(12, 12, 0.1234, 0.97)
    tail = "  (loss 0.123, validation mAP@0.5 0.970)"
    assert done == "training: epoch 12 of 12 " + "━" * 24 + tail
