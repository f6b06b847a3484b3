"""`airoadmap run m08-rl-dqn`: the m08-rl-dqn solution's double DQN learns CartPole-v1, with
its learning curve, 100 greedy episodes on held-out seeds and a model card.

1. Train with the solution's `train` and `Config` on CartPole-v1: one environment to learn
   from, another for the greedy evaluations every `eval_every` steps (a stage each). Training
   stops once an evaluation's mean reaches `solved_mean`, and keeps the best network.
2. Play 100 greedy episodes on seeds the training never used (the solution's `evaluate`).
3. Draw the learning curve; write the model card, a report and the weights.

The Q-network is tiny (two hidden layers of 64 units) and learns from batches of 128: one CPU
thread trains it fastest, and a GPU would add a transfer and a kernel launch to each of
thousands of small steps. So the run uses the CPU: `--device auto` and `cpu` mean the CPU,
and `cuda` is refused with the reason.

Writes learning_curve.png, model_card.md, report.md, model.pt; returns the metrics (saved as
metrics.json by `airoadmap run`).
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import gymnasium as gym
import numpy as np
import torch

from airoadmap.errors import AiroadmapError
from airoadmap.lab.cnn.device import threads, torch_threads
from airoadmap.lab.dqn import figures
from airoadmap.lab.machine import cpu_name
from airoadmap.lab.reference import reference_module
from airoadmap.lab.stages import stage

EXERCISE = "m08-rl-dqn"
ENV_ID = "CartPole-v1"
BAR = 24  # characters of the progress bar in the stage names
CURVE_WINDOW = 10  # training episodes in the curve's moving average

# Goal of `run m08-rl-dqn` (issue: month 8): this greedy mean within this many training steps
# and seconds on 2 cores. CartPole-v1 counts as solved at a 100-episode mean of 475.
GOAL_MEAN = 475.0
GOAL_STEPS = 30_000
GOAL_SECONDS = 60.0
# The held-out greedy episodes: their seeds, far from any the training draws from its seed.
HELD_OUT_SEEDS = tuple(range(1_000_000, 1_000_100))
THREADS = 1
# Config fields that differ from the solution's defaults (none: the project runs the code
# learners read; tests put a tiny budget here).
CONFIG_CHANGES: dict[str, Any] = {}


def solution() -> ModuleType:
    """The m08-rl-dqn reference solution (the learner's file, as written in the exercise)."""
    return reference_module(EXERCISE, "dqn")


class StepCounter(gym.Wrapper[Any, Any, Any, Any]):
    """An environment that counts the steps taken in it."""

    def __init__(self, env: gym.Env[Any, Any]) -> None:
        super().__init__(env)
        self.steps = 0

    def step(self, action: Any) -> Any:
        self.steps += 1
        return self.env.step(action)


def run(run_dir: Path, *, device: str = "auto") -> dict[str, Any]:
    """Train the m08-rl-dqn solution on CartPole-v1, evaluate it on held-out episodes, and
    write the figure, the report, the model card and the weights to `run_dir`."""
    if device not in ("auto", "cpu", "cuda"):
        raise AiroadmapError(f"--device {device!r} is not a device: use one of auto, cpu, cuda.")
    if device == "cuda":
        raise AiroadmapError(
            "--device cuda: m08-rl-dqn trains on the CPU (a small network learns from "
            "thousands of small batches, which a GPU only slows down); use --device cpu or auto."
        )
    sol = solution()
    config = dataclasses.replace(sol.Config(), **CONFIG_CHANGES)
    with torch_threads(THREADS):
        return _run(run_dir, sol, config)


def _run(run_dir: Path, sol: ModuleType, config: Any) -> dict[str, Any]:
    env = gym.make(ENV_ID)
    eval_env = StepCounter(gym.make(ENV_ID))

    def on_evaluation(step: int, mean: float) -> None:
        stage(_progress(step, config.total_steps, mean))

    stage(_progress(0, config.total_steps, None))
    wall, cpu = time.perf_counter(), time.process_time()
    result = sol.train(env, eval_env, config, on_evaluation=on_evaluation)
    seconds, cpu_seconds = time.perf_counter() - wall, time.process_time() - cpu

    stage(f"playing {len(HELD_OUT_SEEDS)} greedy episodes on held-out seeds")
    held_out = [float(r) for r in sol.evaluate(result.q_network, gym.make(ENV_ID), HELD_OUT_SEEDS)]
    torch.save(result.q_network.state_dict(), run_dir / "model.pt")
    mean = float(np.mean(held_out))
    solved_at = next((s for s, m in result.evaluations if m >= GOAL_MEAN), None)
    metrics: dict[str, Any] = {
        "env": ENV_ID,
        "greedy_mean": mean,
        "greedy_min": min(held_out),
        "greedy_std": float(np.std(held_out)),
        "held_out_episodes": len(held_out),
        "time_limit": env.spec.max_episode_steps if env.spec else None,
        "train_steps": int(result.steps),
        "eval_steps": eval_env.steps,
        "episodes": len(result.episode_returns),
        "solved_at_step": solved_at,
        "train_seconds": seconds,
        "train_cpu_seconds": cpu_seconds,
        "steps_per_second": result.steps / seconds if seconds > 0 else 0.0,
        "device": "cpu",
        "device_name": cpu_name(),
        "threads": THREADS,
        "torch": torch.__version__,
        "gymnasium": gym.__version__,
        "config": dataclasses.asdict(config),
        "parameters": sum(p.numel() for p in result.q_network.parameters()),
        "architecture": str(result.q_network),
        "evaluations": [[int(s), float(m)] for s, m in result.evaluations],
        "episode_returns": [float(r) for r in result.episode_returns],
        "episode_ends": [int(e) for e in result.episode_ends],
        "held_out_returns": held_out,
        "goal": {
            "greedy_mean": GOAL_MEAN,
            "train_steps": GOAL_STEPS,
            "train_seconds": GOAL_SECONDS,
            "met": mean >= GOAL_MEAN and result.steps <= GOAL_STEPS and seconds <= GOAL_SECONDS,
            "note": "the goal is for 2 CPU cores; other machines only indicate",
        },
    }

    stage("drawing the learning curve")
    figures.learning_curve(
        result.episode_ends,
        result.episode_returns,
        result.evaluations,
        held_out,
        run_dir / "learning_curve.png",
        threshold=GOAL_MEAN,
        window=CURVE_WINDOW,
        title=f"{ENV_ID}: double DQN, {result.steps:,} training steps in {seconds:.1f} s",
    )
    stage("writing the model card and the report")
    (run_dir / "model_card.md").write_text(_model_card(metrics), encoding="utf-8")
    (run_dir / "report.md").write_text(_report(metrics), encoding="utf-8")
    return metrics


def _progress(step: int, total: int, mean: float | None) -> str:
    """'training: step 5,000 of 30,000 ━━━━╸───  (greedy mean 230.4)'."""
    done = round(BAR * step / total) if total else BAR
    bar = "━" * done + ("╸" if done < BAR else "") + "─" * max(0, BAR - done - 1)
    text = f"training: step {step:,} of {total:,} {bar}"
    return text if mean is None else f"{text}  (greedy mean {mean:.1f})"


def _method(metrics: dict[str, Any]) -> str:
    c = metrics["config"]
    kind = "double DQN" if c["double"] else "DQN"
    return (
        f"{kind}: an MLP with two hidden layers of {c['hidden']} units "
        f"({metrics['parameters']:,} parameters), Adam at {c['learning_rate']:g}, batches of "
        f"{c['batch_size']} every {c['train_every']} steps from a replay buffer of "
        f"{c['buffer_size']:,}, a target network following at tau {c['tau']:g}, gamma "
        f"{c['gamma']:g}, epsilon from {c['epsilon_start']:g} to {c['epsilon_end']:g} over "
        f"{c['epsilon_decay_steps']:,} steps, the Huber loss"
    )


def _sentence(text: str) -> str:
    """`text` with a capital first letter (the rest untouched: 'double DQN' -> 'Double DQN')."""
    return text[:1].upper() + text[1:]


def _goal_line(metrics: dict[str, Any]) -> str:
    g = metrics["goal"]
    verdict = "met" if g["met"] else "not met"
    return (
        f"Goal of this project: a greedy mean of at least {g['greedy_mean']:g} within "
        f"{g['train_steps']:,} training steps and {g['train_seconds']:.0f} s on 2 CPU cores: "
        f"**{verdict}** here ({metrics['greedy_mean']:.1f} after {metrics['train_steps']:,} "
        f"steps and {metrics['train_seconds']:.1f} s on {threads(metrics['threads'])})."
    )


def _report(metrics: dict[str, Any]) -> str:
    c = metrics["config"]
    rows = ["| training step | greedy mean |", "|---|---|"]
    rows += [f"| {int(s):,} | {m:.1f} |" for s, m in metrics["evaluations"]]
    solved = (
        f"An evaluation first reached {GOAL_MEAN:g} at step {metrics['solved_at_step']:,}."
        if metrics["solved_at_step"] is not None
        else f"No evaluation reached {GOAL_MEAN:g} within {metrics['train_steps']:,} steps."
    )
    return f"""# {metrics["env"]}: a double DQN

**Greedy mean return {metrics["greedy_mean"]:.1f}** (lowest {metrics["greedy_min"]:.0f}) over
{metrics["held_out_episodes"]} episodes on held-out seeds, after {metrics["train_steps"]:,}
training steps ({metrics["episodes"]} episodes) in {metrics["train_seconds"]:.1f} s
({metrics["steps_per_second"]:,.0f} steps/s, {metrics["train_cpu_seconds"]:.1f} s of CPU) on
CPU {metrics["device_name"]}, {threads(metrics["threads"])}; torch {metrics["torch"]},
gymnasium {metrics["gymnasium"]}.

{_goal_line(metrics)}

Method: {_method(metrics)}. Every {c["eval_every"]:,} steps the greedy policy played
{c["eval_episodes"]} episodes of a separate environment ({metrics["eval_steps"]:,} steps in
all, not counted as training); the best network so far was kept, and training stopped once an
evaluation's mean reached {c["solved_mean"]:g}.

## Learning

![learning curve](learning_curve.png)

{chr(10).join(rows)}

{solved} The curve is typical of DQN: long plateaus, sudden jumps, and drops after progress,
which is why the best evaluated network is kept rather than the last one.

## Held-out evaluation

The {metrics["held_out_episodes"]} greedy episodes start from seeds the training never used;
an episode ends when the pole falls, the cart leaves the track, or at the time limit of
{metrics["time_limit"]:,} steps. See `model_card.md` for what the policy is for and where it fails.
"""


def _model_card(metrics: dict[str, Any]) -> str:
    below = sum(r < GOAL_MEAN for r in metrics["held_out_returns"])
    return f"""# Model card: {metrics["env"]} double DQN

## Model
{_sentence(_method(metrics))}. Weights in `model.pt` (a PyTorch state dict of the Q-network); the
greedy policy takes the action with the highest Q-value.

## Architecture
```
{metrics["architecture"]}
```

## Intended use
Learning material of the airoadmap roadmap (its reinforcement-learning track): how a DQN
is built and judged. It balances the simulated pole of gymnasium's CartPole-v1, nothing else.

## Training
{metrics["train_steps"]:,} steps of {metrics["env"]} ({metrics["episodes"]} episodes) in
{metrics["train_seconds"]:.1f} s on CPU {metrics["device_name"]} (torch {metrics["torch"]}),
seed {metrics["config"]["seed"]}; greedy evaluations on a separate environment chose the
network kept.

## Performance (held-out seeds)
- greedy mean return {metrics["greedy_mean"]:.1f} over {metrics["held_out_episodes"]}
  episodes, lowest {metrics["greedy_min"]:.0f}, standard deviation {metrics["greedy_std"]:.1f}
- episodes below {GOAL_MEAN:g}: {below}

## Limitations
- One environment, one seed: DQN is unstable, and another seed takes more or fewer steps to
  solve it (the benchmark runs several).
- The policy was chosen by its greedy evaluations during training: those episodes are not
  the held-out ones, but a policy chosen on few episodes can look better than it is.
- CartPole's physics only: a real cart, other masses or a noisy sensor are out of its domain.
"""
