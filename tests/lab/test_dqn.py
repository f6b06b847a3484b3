"""The m08-rl-dqn reference project (airoadmap.lab.dqn): a whole run on a tiny budget (600
training steps, 5 held-out episodes), its artifacts and metrics replayed independently."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from airoadmap.errors import AiroadmapError
from airoadmap.lab.dqn import figures, project
from airoadmap.lab.stages import listening

gym = pytest.importorskip("gymnasium")

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TINY = {"total_steps": 600, "learning_starts": 100, "eval_every": 200, "eval_episodes": 2}
SEEDS = (7, 8, 9, 10, 11)


@pytest.fixture()
def tiny(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(project, "CONFIG_CHANGES", dict(TINY))
    monkeypatch.setattr(project, "HELD_OUT_SEEDS", SEEDS)


def _replay(weights: dict[str, torch.Tensor], hidden: int, seed: int) -> float:
    """One greedy episode of CartPole-v1 with the saved weights, played here."""
    net = torch.nn.Sequential(
        torch.nn.Linear(4, hidden),
        torch.nn.ReLU(),
        torch.nn.Linear(hidden, hidden),
        torch.nn.ReLU(),
        torch.nn.Linear(hidden, 2),
    )
    net.load_state_dict(weights)
    env = gym.make("CartPole-v1")
    obs, _ = env.reset(seed=seed)
    total, done = 0.0, False
    while not done:
        with torch.no_grad():
            action = int(net(torch.as_tensor(obs)).argmax())
        obs, reward, terminated, truncated, _ = env.step(action)
        total += float(reward)
        done = terminated or truncated
    return total


@pytest.mark.usefixtures("tiny")
def test_a_tiny_run_writes_its_artifacts_and_measures_what_it_says(tmp_path: Path) -> None:
    stages: list[str] = []
    with listening(stages.append):
        metrics = project.run(tmp_path)
    for name in ("learning_curve.png", "model_card.md", "report.md", "model.pt"):
        assert (tmp_path / name).stat().st_size > 0, name
    assert (tmp_path / "learning_curve.png").read_bytes()[:8] == PNG_SIGNATURE

    assert metrics["train_steps"] == TINY["total_steps"]  # 600 steps cannot solve CartPole
    assert [step for step, _ in metrics["evaluations"]] == [200, 400, 600]
    ends = metrics["episode_ends"]
    assert ends == sorted(ends) and ends[-1] <= TINY["total_steps"]
    assert len(ends) == len(metrics["episode_returns"]) == metrics["episodes"]
    # A CartPole return is the length of its episode: the evaluations' steps add up to them.
    means = [mean for _, mean in metrics["evaluations"]]
    assert metrics["eval_steps"] == pytest.approx(sum(means) * TINY["eval_episodes"])

    weights = torch.load(tmp_path / "model.pt")
    hidden = metrics["config"]["hidden"]
    replayed = [_replay(weights, hidden, seed) for seed in SEEDS]
    assert metrics["held_out_returns"] == replayed
    assert metrics["greedy_mean"] == pytest.approx(np.mean(replayed))
    assert metrics["greedy_min"] == min(replayed)
    assert metrics["goal"]["met"] is False
    assert metrics["solved_at_step"] is None

    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert f"**Greedy mean return {metrics['greedy_mean']:.1f}**" in report
    assert "**not met**" in report
    card = (tmp_path / "model_card.md").read_text(encoding="utf-8")
    assert f"{metrics['parameters']:,} parameters" in card

    assert stages[0].startswith("training: step 0 of 600")
    assert any(s.startswith("training: step 400 of 600") for s in stages)
    assert "playing 5 greedy episodes on held-out seeds" in stages


def test_cuda_and_unknown_devices_are_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(AiroadmapError, match="trains on the CPU") as info:
        project.run(tmp_path, device="cuda")
    assert "\n" not in str(info.value) and "--device cpu" in str(info.value)
    with pytest.raises(AiroadmapError, match="use one of auto, cpu, cuda"):
        project.run(tmp_path, device="gpu")
    assert list(tmp_path.iterdir()) == []


def test_the_moving_average_starts_with_fewer_values() -> None:
    assert figures.moving_average([1.0, 2.0, 3.0, 4.0], 2).tolist() == [1.0, 1.5, 2.5, 3.5]
    assert figures.moving_average([], 3).tolist() == []


def test_the_progress_stage_draws_a_bar() -> None:
    assert project._progress(0, 600, None) == "training: step 0 of 600 ╸" + "─" * 23
    done = project._progress(600, 600, 79.0)
    assert done == "training: step 600 of 600 " + "━" * 24 + "  (greedy mean 79.0)"
