"""Double DQN on CartPole-v1 (`airoadmap run m08-rl-dqn`) beside stable-baselines3's PPO.

    .venv/bin/python benchmarks/bench_m08_dqn.py [--seeds 0,1,2,3,4,5,6,7] [--no-ppo]

Runs the reference project itself (`airoadmap.lab.dqn.project.run`: the m08-rl-dqn solution's
`train` and Config, one thread) once per seed into a temporary folder: the greedy mean over
100 episodes on held-out seeds, the training steps taken (training stops once an evaluation's
mean reaches the Config's solved_mean), the step of the first evaluation at 475 or more, and
the training time (wall and CPU). The evaluation episodes that choose the network kept are
counted apart (they are not training steps).
Goal (issue: month 8): a greedy mean of at least 475 within 30,000 training steps and 60 s
on 2 CPU cores, for every seed run.

Beside it: stable-baselines3's PPO, when installed, with rl-zoo3's CartPole-v1 settings (8
environments, 32 steps each per update, batches of 256, 20 epochs, gamma 0.98, GAE lambda
0.8, learning rate and clip range falling linearly from 0.001 and 0.2) for 30,000 steps,
then the same 100 held-out episodes with deterministic actions. Timings on a loaded machine
are inflated (the load average before and after is recorded).

Writes benchmarks/results/m08_dqn.json and m08_dqn.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
PPO_STEPS = 30_000
# The published reference of the issue (month 8), when PPO is not installed here.
PPO_PUBLISHED = "stable-baselines3 PPO reaches a return of 500 in 30k steps (issue: month 8)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", default="0,1,2,3,4,5,6,7")
    parser.add_argument("--no-ppo", action="store_true")
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]

    # Not torch first: airoadmap.lab.dqn sets torch's OpenMP wait policy before it loads.
    from airoadmap.lab.cnn.device import available_cores, cpu_name
    from airoadmap.lab.dqn import project

    load_before = os.getloadavg()[0]
    runs = []
    for seed in seeds:
        project.CONFIG_CHANGES["seed"] = seed
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            metrics = project.run(Path(folder))
            wall = time.perf_counter() - started
        runs.append({**_summary(metrics), "seed": seed, "wall_s": wall})
        print(
            f"seed {seed}: greedy mean {metrics['greedy_mean']:.1f}, "
            f"{metrics['train_steps']:,} training steps in {metrics['train_seconds']:.1f} s "
            f"({metrics['train_cpu_seconds']:.1f} s CPU), whole run {wall:.1f} s"
        )
    ppo = None if args.no_ppo else _ppo(project.HELD_OUT_SEEDS)
    if ppo:
        print(
            f"PPO: greedy mean {ppo['greedy_mean']:.1f} after {ppo['steps']:,} steps in "
            f"{ppo['train_seconds']:.1f} s"
        )
    met = [
        r["greedy_mean"] >= project.GOAL_MEAN
        and r["train_steps"] <= project.GOAL_STEPS
        and r["train_seconds"] <= project.GOAL_SECONDS
        for r in runs
    ]
    result = {
        "machine": f"{cpu_name()}, {available_cores()} cores available, {platform.system()} "
        f"{platform.machine()}",
        "python": platform.python_version(),
        "torch": runs[0]["torch"],
        "gymnasium": runs[0]["gymnasium"],
        "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"),
        "load_average_1min": [load_before, os.getloadavg()[0]],
        "threads": runs[0]["threads"],
        "config": runs[0]["config"],
        "parameters": runs[0]["parameters"],
        "runs": runs,
        "greedy_mean": {
            "mean": statistics.fmean(r["greedy_mean"] for r in runs),
            "min": min(r["greedy_mean"] for r in runs),
        },
        "train_steps": {"max": max(r["train_steps"] for r in runs)},
        "train_seconds": {"max": max(r["train_seconds"] for r in runs)},
        "goal": {
            "greedy_mean": project.GOAL_MEAN,
            "train_steps": project.GOAL_STEPS,
            "train_seconds": project.GOAL_SECONDS,
        },
        "goal_met": all(met),
        "ppo": ppo,
        "ppo_published": PPO_PUBLISHED,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "m08_dqn.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "m08_dqn.md").write_text(markdown(result), encoding="utf-8")
    print((RESULTS / "m08_dqn.md").read_text(encoding="utf-8"))


def _summary(metrics: dict[str, Any]) -> dict[str, Any]:
    keys = [
        "greedy_mean", "greedy_min", "train_steps", "eval_steps", "episodes", "solved_at_step",
        "train_seconds", "train_cpu_seconds", "steps_per_second", "threads", "torch",
        "gymnasium", "config", "parameters",
    ]  # fmt: skip
    return {k: metrics[k] for k in keys}


def _ppo(seeds: tuple[int, ...]) -> dict[str, Any] | None:
    """stable-baselines3's PPO with rl-zoo3's CartPole-v1 settings, or None when it is not
    installed."""
    try:
        from stable_baselines3 import PPO
        from stable_baselines3.common.env_util import make_vec_env
    except ImportError:
        return None
    import gymnasium as gym
    import numpy as np
    import stable_baselines3
    import torch

    def falling(start: float) -> Any:
        return lambda remaining: remaining * start

    torch.set_num_threads(1)
    env = make_vec_env("CartPole-v1", n_envs=8, seed=0)
    model = PPO(
        "MlpPolicy",
        env,
        n_steps=32,
        batch_size=256,
        gae_lambda=0.8,
        gamma=0.98,
        n_epochs=20,
        ent_coef=0.0,
        learning_rate=falling(0.001),
        clip_range=falling(0.2),
        seed=0,
        device="cpu",
    )
    wall, cpu = time.perf_counter(), time.process_time()
    model.learn(total_timesteps=PPO_STEPS)
    seconds, cpu_seconds = time.perf_counter() - wall, time.process_time() - cpu

    envs = [gym.make("CartPole-v1") for _ in seeds]
    obs = np.stack([e.reset(seed=s)[0] for e, s in zip(envs, seeds, strict=True)])
    returns = np.zeros(len(seeds))
    running = np.ones(len(seeds), dtype=bool)
    while running.any():
        rows = np.flatnonzero(running)
        actions, _ = model.predict(obs[rows], deterministic=True)
        for row, action in zip(rows, actions, strict=True):
            obs[row], reward, terminated, truncated, _ = envs[row].step(int(action))
            returns[row] += float(reward)
            running[row] = not (terminated or truncated)
    return {
        "version": stable_baselines3.__version__,
        "steps": int(model.num_timesteps),
        "train_seconds": seconds,
        "train_cpu_seconds": cpu_seconds,
        "greedy_mean": float(returns.mean()),
        "greedy_min": float(returns.min()),
    }


def markdown(r: dict[str, Any]) -> str:
    goal = r["goal"]
    cfg = r["config"]
    rows = [
        f"| double DQN, seed {x['seed']} | {x['greedy_mean']:.1f} | {x['greedy_min']:.0f} | "
        f"{x['train_steps']:,} | "
        + (f"{x['solved_at_step']:,}" if x["solved_at_step"] is not None else "—")
        + f" | {x['train_seconds']:.1f} | {x['train_cpu_seconds']:.1f} | {x['eval_steps']:,} |"
        for x in r["runs"]
    ]
    ppo = r["ppo"]
    if ppo:
        rows.append(
            f"| PPO (stable-baselines3 {ppo['version']}) | {ppo['greedy_mean']:.1f} | "
            f"{ppo['greedy_min']:.0f} | {ppo['steps']:,} | — | {ppo['train_seconds']:.1f} | "
            f"{ppo['train_cpu_seconds']:.1f} | — |"
        )
    met = "yes" if r["goal_met"] else "no"
    lines = [
        f"Double DQN on CartPole-v1 (`airoadmap run m08-rl-dqn`): the m08-rl-dqn solution "
        f"({r['parameters']:,} parameters, hidden {cfg['hidden']}), batches of "
        f"{cfg['batch_size']} every {cfg['train_every']} steps, Adam {cfg['learning_rate']:g}, "
        f"tau {cfg['tau']:g}, epsilon to {cfg['epsilon_end']:g} over "
        f"{cfg['epsilon_decay_steps']:,} steps; greedy evaluation of {cfg['eval_episodes']} "
        f"episodes every {cfg['eval_every']:,} steps keeps the best network and stops at a "
        f"mean of {cfg['solved_mean']:g}; {r['threads']} thread; torch {r['torch']}, "
        f"gymnasium {r['gymnasium']}.",
        f"Machine: {r['machine']}; load average {r['load_average_1min'][0]:.1f} before, "
        f"{r['load_average_1min'][1]:.1f} after.",
        "",
        "| method | greedy mean (100 held-out) | lowest | training steps | first evaluation "
        f"≥ {goal['greedy_mean']:g} | training s | CPU s | evaluation steps |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"Goal: greedy mean ≥ {goal['greedy_mean']:g} within {goal['train_steps']:,} training "
        f"steps and {goal['train_seconds']:.0f} s on 2 CPU cores, every seed: **{met}** "
        f"(lowest mean {r['greedy_mean']['min']:.1f}, most steps "
        f"{r['train_steps']['max']:,}, longest training {r['train_seconds']['max']:.1f} s).",
    ]
    if not ppo:
        lines.append(f"PPO not installed here; the published figure: {r['ppo_published']}.")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
