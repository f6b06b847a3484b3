"""Deep Q-learning on CartPole: a replay buffer, a target network and double DQN in PyTorch.

The pieces come first (the buffer, the networks, exploration, the targets, the loss, greedy
evaluation); `train` puts them together and learns to balance the pole. Read brief.md first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import gymnasium as gym
import numpy as np
import torch
from torch import nn

Observation = np.ndarray[Any, np.dtype[Any]]


@dataclass(frozen=True)
class Config:
    """The settings of one training run; the defaults solve CartPole-v1."""

    seed: int = 0
    total_steps: int = 30_000  # training steps at most (the checks' budget)
    buffer_size: int = 50_000  # every transition of a run fits: nothing is forgotten
    batch_size: int = 128
    hidden: int = 64
    learning_rate: float = 2e-3
    gamma: float = 0.99
    learning_starts: int = 500  # random-ish steps stored before the first update
    train_every: int = 2  # one gradient step every this many environment steps
    tau: float = 0.02  # the target network moves this share towards the online one per update
    epsilon_start: float = 1.0
    epsilon_end: float = 0.01
    epsilon_decay_steps: int = 3_000
    double: bool = True
    eval_every: int = 1_000  # greedy evaluation on eval_env every this many steps
    eval_episodes: int = 10
    solved_mean: float = 500.0  # stop when an evaluation's mean return reaches this


# --- the replay buffer ---------------------------------------------------------------------


class Batch(NamedTuple):
    """Transitions sampled from the buffer, as tensors (one row per transition)."""

    obs: torch.Tensor  # (B, obs_dim) float32
    actions: torch.Tensor  # (B,) int64
    rewards: torch.Tensor  # (B,) float32
    next_obs: torch.Tensor  # (B, obs_dim) float32
    terminated: torch.Tensor  # (B,) float32: 1.0 where the episode ended in next_obs


class ReplayBuffer:
    """The last `capacity` transitions, kept in preallocated arrays used as a ring."""

    def __init__(self, capacity: int, obs_dim: int, seed: int = 0) -> None:
        raise NotImplementedError("ReplayBuffer: arrays for capacity transitions, a generator")

    def __len__(self) -> int:
        raise NotImplementedError("ReplayBuffer.__len__: how many transitions are stored")

    def add(
        self,
        obs: Observation,
        action: int,
        reward: float,
        next_obs: Observation,
        terminated: bool,
    ) -> None:
        """Store one transition; once full, it replaces the oldest."""
        raise NotImplementedError("ReplayBuffer.add: write the transition at the ring's cursor")

    def sample(self, batch_size: int) -> Batch:
        """`batch_size` stored transitions drawn uniformly at random, with replacement."""
        raise NotImplementedError("ReplayBuffer.sample: draw rows, return them as a Batch")


# --- the networks ----------------------------------------------------------------------------


def make_q_network(obs_dim: int, n_actions: int, hidden: int = 64) -> nn.Module:
    """An MLP from an observation to one Q-value per action: two hidden ReLU layers."""
    raise NotImplementedError("make_q_network: nn.Sequential of Linear and ReLU layers")


def make_target(online: nn.Module) -> nn.Module:
    """A copy of `online` with its own weights, which no gradient ever reaches."""
    raise NotImplementedError("make_target: a deep copy of the online network")


def sync_target(target: nn.Module, online: nn.Module, tau: float = 1.0) -> None:
    """Move the target's weights towards the online network's: a copy when tau is 1, else
    target <- tau * online + (1 - tau) * target (a soft, Polyak update)."""
    raise NotImplementedError("sync_target: copy or blend the weights, without gradients")


# --- acting ------------------------------------------------------------------------------------


def epsilon_at(step: int, start: float, end: float, decay_steps: int) -> float:
    """The exploration rate at `step`: from `start` down to `end` in a straight line over
    `decay_steps` steps, then `end`."""
    raise NotImplementedError("epsilon_at: a straight line from start to end, then end")


def select_action(
    q_network: nn.Module, obs: Observation, epsilon: float, rng: np.random.Generator
) -> int:
    """Epsilon-greedy: with probability `epsilon` a uniformly random action, else the greedy
    one."""
    raise NotImplementedError("select_action: random with probability epsilon, else argmax")


# --- the learning target and the loss --------------------------------------------------------


def dqn_targets(
    rewards: torch.Tensor, terminated: torch.Tensor, next_q_target: torch.Tensor, gamma: float
) -> torch.Tensor:
    """r + gamma * max_a Q_target(s', a), without the second term where s' is terminal."""
    raise NotImplementedError("dqn_targets: the plain DQN target")


def double_dqn_targets(
    rewards: torch.Tensor,
    terminated: torch.Tensor,
    next_q_online: torch.Tensor,
    next_q_target: torch.Tensor,
    gamma: float,
) -> torch.Tensor:
    """The online network chooses the next action, the target network values it:
    r + gamma * Q_target(s', argmax_a Q_online(s', a)), without it where s' is terminal."""
    raise NotImplementedError("double_dqn_targets: choose with online, value with target")


def td_loss(
    online: nn.Module, target: nn.Module, batch: Batch, gamma: float, double: bool = True
) -> torch.Tensor:
    """The Huber loss between Q_online(s, a) and the (double) DQN target, averaged over the
    batch; the target is a constant: no gradient flows through it."""
    raise NotImplementedError("td_loss: Huber loss between Q(s, a) and the target")


# --- evaluation and training -------------------------------------------------------------------


def evaluate(q_network: nn.Module, env: gym.Env[Any, Any], seeds: Sequence[int]) -> list[float]:
    """The return of one greedy episode of `env` per seed (reset with that seed)."""
    raise NotImplementedError("evaluate: one greedy episode per seed")


@dataclass
class TrainResult:
    """What `train` learnt, and how it went."""

    q_network: nn.Module
    episode_returns: list[float] = field(default_factory=list)  # each training episode's
    episode_ends: list[int] = field(default_factory=list)  # the step each one ended at
    evaluations: list[tuple[int, float]] = field(default_factory=list)  # (step, greedy mean)
    steps: int = 0  # training steps taken


def train(
    env: gym.Env[Any, Any],
    eval_env: gym.Env[Any, Any],
    config: Config,
    on_evaluation: Callable[[int, float], None] | None = None,
) -> TrainResult:
    """Learn Q-values on `env` for at most `config.total_steps` steps; every `eval_every`
    steps, play `eval_episodes` greedy episodes of `eval_env`, keep the best network so far,
    and stop once an evaluation's mean reaches `solved_mean`. Returns the best network."""
    raise NotImplementedError("train: the DQN loop")
