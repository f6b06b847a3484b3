"""Deep Q-learning on CartPole: a replay buffer, a target network and double DQN in PyTorch.

The pieces come first (the buffer, the networks, exploration, the targets, the loss, greedy
evaluation); `train` puts them together and learns to balance the pole. Read brief.md first.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import gymnasium as gym
import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

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
        if capacity < 1:
            raise ValueError(f"ReplayBuffer: capacity {capacity} must be at least 1.")
        self.capacity = capacity
        self.obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.next_obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.actions = np.zeros(capacity, dtype=np.int64)
        self.rewards = np.zeros(capacity, dtype=np.float32)
        self.terminated = np.zeros(capacity, dtype=np.float32)
        self.rng = np.random.default_rng(seed)
        self.size = 0  # transitions stored
        self.cursor = 0  # the row the next transition goes to

    def __len__(self) -> int:
        return self.size

    def add(
        self,
        obs: Observation,
        action: int,
        reward: float,
        next_obs: Observation,
        terminated: bool,
    ) -> None:
        """Store one transition; once full, it replaces the oldest."""
        row = self.cursor
        self.obs[row] = obs
        self.actions[row] = action
        self.rewards[row] = reward
        self.next_obs[row] = next_obs
        self.terminated[row] = terminated
        self.cursor = (row + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch_size: int) -> Batch:
        """`batch_size` stored transitions drawn uniformly at random, with replacement."""
        if self.size == 0:
            raise ValueError("ReplayBuffer.sample: the buffer is empty; add transitions first.")
        rows = self.rng.integers(0, self.size, size=batch_size)
        return Batch(
            torch.from_numpy(self.obs[rows]),
            torch.from_numpy(self.actions[rows]),
            torch.from_numpy(self.rewards[rows]),
            torch.from_numpy(self.next_obs[rows]),
            torch.from_numpy(self.terminated[rows]),
        )


# --- the networks ----------------------------------------------------------------------------


def make_q_network(obs_dim: int, n_actions: int, hidden: int = 64) -> nn.Module:
    """An MLP from an observation to one Q-value per action: two hidden ReLU layers."""
    return nn.Sequential(
        nn.Linear(obs_dim, hidden),
        nn.ReLU(),
        nn.Linear(hidden, hidden),
        nn.ReLU(),
        nn.Linear(hidden, n_actions),
    )


def make_target(online: nn.Module) -> nn.Module:
    """A copy of `online` with its own weights, which no gradient ever reaches."""
    target = copy.deepcopy(online)
    target.requires_grad_(False)
    return target


@torch.no_grad()
def sync_target(target: nn.Module, online: nn.Module, tau: float = 1.0) -> None:
    """Move the target's weights towards the online network's: a copy when tau is 1, else
    target <- tau * online + (1 - tau) * target (a soft, Polyak update)."""
    if not 0.0 < tau <= 1.0:
        raise ValueError(f"sync_target: tau={tau} must lie in (0, 1].")
    if tau == 1.0:
        target.load_state_dict(online.state_dict())
        return
    for kept, new in zip(target.parameters(), online.parameters(), strict=True):
        kept.lerp_(new, tau)


# --- acting ------------------------------------------------------------------------------------


def epsilon_at(step: int, start: float, end: float, decay_steps: int) -> float:
    """The exploration rate at `step`: from `start` down to `end` in a straight line over
    `decay_steps` steps, then `end`."""
    if decay_steps < 1:
        raise ValueError(f"epsilon_at: decay_steps={decay_steps} must be at least 1.")
    fraction = min(step / decay_steps, 1.0)
    return start + fraction * (end - start)


@torch.no_grad()
def q_values(q_network: nn.Module, obs: Observation) -> torch.Tensor:
    """The Q-value of each action in one observation, shape (n_actions,)."""
    return q_network(torch.as_tensor(obs, dtype=torch.float32).unsqueeze(0)).squeeze(0)


def greedy_action(q_network: nn.Module, obs: Observation) -> int:
    """The action with the highest Q-value."""
    return int(q_values(q_network, obs).argmax())


def select_action(
    q_network: nn.Module, obs: Observation, epsilon: float, rng: np.random.Generator
) -> int:
    """Epsilon-greedy: with probability `epsilon` a uniformly random action, else the greedy
    one."""
    values = q_values(q_network, obs)
    if rng.random() < epsilon:
        return int(rng.integers(len(values)))
    return int(values.argmax())


# --- the learning target and the loss --------------------------------------------------------


def dqn_targets(
    rewards: torch.Tensor, terminated: torch.Tensor, next_q_target: torch.Tensor, gamma: float
) -> torch.Tensor:
    """r + gamma * max_a Q_target(s', a), without the second term where s' is terminal."""
    return rewards + gamma * (1.0 - terminated) * next_q_target.max(dim=1).values


def double_dqn_targets(
    rewards: torch.Tensor,
    terminated: torch.Tensor,
    next_q_online: torch.Tensor,
    next_q_target: torch.Tensor,
    gamma: float,
) -> torch.Tensor:
    """The online network chooses the next action, the target network values it:
    r + gamma * Q_target(s', argmax_a Q_online(s', a)), without it where s' is terminal."""
    chosen = next_q_online.argmax(dim=1, keepdim=True)
    return rewards + gamma * (1.0 - terminated) * next_q_target.gather(1, chosen).squeeze(1)


def td_loss(
    online: nn.Module, target: nn.Module, batch: Batch, gamma: float, double: bool = True
) -> torch.Tensor:
    """The Huber loss between Q_online(s, a) and the (double) DQN target, averaged over the
    batch; the target is a constant: no gradient flows through it."""
    with torch.no_grad():
        next_q_target = target(batch.next_obs)
        if double:
            goal = double_dqn_targets(
                batch.rewards, batch.terminated, online(batch.next_obs), next_q_target, gamma
            )
        else:
            goal = dqn_targets(batch.rewards, batch.terminated, next_q_target, gamma)
    taken = online(batch.obs).gather(1, batch.actions.unsqueeze(1)).squeeze(1)
    return F.smooth_l1_loss(taken, goal)


# --- evaluation and training -------------------------------------------------------------------


def evaluate(q_network: nn.Module, env: gym.Env[Any, Any], seeds: Sequence[int]) -> list[float]:
    """The return of one greedy episode of `env` per seed (reset with that seed)."""
    returns = []
    for seed in seeds:
        obs, _ = env.reset(seed=int(seed))
        total, done = 0.0, False
        while not done:
            obs, reward, terminated, truncated, _ = env.step(greedy_action(q_network, obs))
            total += float(reward)
            done = terminated or truncated
        returns.append(total)
    return returns


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
    torch.manual_seed(config.seed)
    rng = np.random.default_rng(config.seed)
    shape, space = env.observation_space.shape, env.action_space
    if shape is None or len(shape) != 1 or not isinstance(space, gym.spaces.Discrete):
        raise ValueError(
            f"train: needs flat observations and discrete actions, got observations of shape "
            f"{shape} and actions {space}."
        )
    obs_dim, n_actions = shape[0], int(space.n)
    online = make_q_network(obs_dim, n_actions, config.hidden)
    target = make_target(online)
    # fused: one kernel updates every parameter (the same arithmetic, 3x faster per step here)
    optimizer = torch.optim.Adam(online.parameters(), lr=config.learning_rate, fused=True)
    buffer = ReplayBuffer(config.buffer_size, obs_dim, seed=config.seed)
    eval_seeds = rng.integers(2**31, size=config.eval_episodes).tolist()
    result = TrainResult(online)
    best_mean, best_weights = -math.inf, None

    obs, _ = env.reset(seed=config.seed)
    episode_return = 0.0
    for step in range(1, config.total_steps + 1):
        epsilon = epsilon_at(
            step - 1, config.epsilon_start, config.epsilon_end, config.epsilon_decay_steps
        )
        action = select_action(online, obs, epsilon, rng)
        next_obs, reward, terminated, truncated, _ = env.step(action)
        # Store `terminated`, not `truncated`: at the time limit the pole still stands, and
        # the value of the next state still counts.
        buffer.add(obs, action, float(reward), next_obs, terminated)
        episode_return += float(reward)
        obs = next_obs
        if terminated or truncated:
            result.episode_returns.append(episode_return)
            result.episode_ends.append(step)
            episode_return = 0.0
            obs, _ = env.reset()
        result.steps = step

        if step >= config.learning_starts and step % config.train_every == 0:
            batch = buffer.sample(config.batch_size)
            loss = td_loss(online, target, batch, config.gamma, double=config.double)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            sync_target(target, online, config.tau)

        if step % config.eval_every == 0:
            mean = float(np.mean(evaluate(online, eval_env, eval_seeds)))
            result.evaluations.append((step, mean))
            if on_evaluation is not None:
                on_evaluation(step, mean)
            if mean > best_mean:
                best_mean, best_weights = mean, copy.deepcopy(online.state_dict())
            if mean >= config.solved_mean:
                break

    if best_weights is not None:  # else no evaluation ran: the last network it is
        online.load_state_dict(best_weights)
    result.q_network = online.eval()
    return result
