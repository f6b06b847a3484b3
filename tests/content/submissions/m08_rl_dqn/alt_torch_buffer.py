"""Correct another way: a buffer of torch tensors sampled with a seeded torch.Generator, a
Q-network class of its own, in-place soft updates, epsilon by np.interp, targets by torch.where
and indexing, the loss with F.huber_loss on detached targets, Adam without the fused kernel,
and a learning rate of 0.001 (with 0.002, this code's seed 0 collapses; seeds 1 to 5 solve)."""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F


@dataclass(frozen=True)
class Config:
    seed: int = 0
    total_steps: int = 30_000
    buffer_size: int = 50_000
    batch_size: int = 128
    hidden: int = 64
    learning_rate: float = 1e-3
    gamma: float = 0.99
    learning_starts: int = 500
    train_every: int = 2
    tau: float = 0.02
    epsilon_start: float = 1.0
    epsilon_end: float = 0.01
    epsilon_decay_steps: int = 3_000
    double: bool = True
    eval_every: int = 1_000
    eval_episodes: int = 10
    solved_mean: float = 500.0


class Batch(NamedTuple):
    obs: torch.Tensor
    actions: torch.Tensor
    rewards: torch.Tensor
    next_obs: torch.Tensor
    terminated: torch.Tensor


class ReplayBuffer:
    def __init__(self, capacity, obs_dim, seed=0):
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        self.capacity = capacity
        self.store = {
            "obs": torch.empty(capacity, obs_dim),
            "actions": torch.empty(capacity, dtype=torch.int64),
            "rewards": torch.empty(capacity),
            "next_obs": torch.empty(capacity, obs_dim),
            "terminated": torch.empty(capacity),
        }
        self.generator = torch.Generator().manual_seed(seed)
        self.added = 0

    def __len__(self):
        return min(self.added, self.capacity)

    def add(self, obs, action, reward, next_obs, terminated):
        row = self.added % self.capacity
        values = (obs, action, reward, next_obs, float(terminated))
        for column, value in zip(self.store.values(), values, strict=True):
            column[row] = torch.as_tensor(np.asarray(value, dtype=np.float64))
        self.added += 1

    def sample(self, batch_size):
        if len(self) == 0:
            raise ValueError("nothing to sample: the buffer is empty")
        rows = torch.randint(len(self), (batch_size,), generator=self.generator)
        return Batch(**{name: column[rows] for name, column in self.store.items()})


class QNetwork(nn.Module):
    def __init__(self, obs_dim, n_actions, hidden):
        super().__init__()
        self.hidden1 = nn.Linear(obs_dim, hidden)
        self.hidden2 = nn.Linear(hidden, hidden)
        self.out = nn.Linear(hidden, n_actions)

    def forward(self, x):
        return self.out(F.relu(self.hidden2(F.relu(self.hidden1(x)))))


def make_q_network(obs_dim, n_actions, hidden=64):
    return QNetwork(obs_dim, n_actions, hidden)


def make_target(online):
    target = copy.deepcopy(online)
    for parameter in target.parameters():
        parameter.requires_grad = False
    return target


def sync_target(target, online, tau=1.0):
    if tau <= 0 or tau > 1:
        raise ValueError(f"tau must be in (0, 1], not {tau}")
    with torch.no_grad():
        for kept, new in zip(target.parameters(), online.parameters(), strict=True):
            if tau == 1:
                kept.copy_(new)
            else:
                kept.mul_(1 - tau).add_(new, alpha=tau)


def epsilon_at(step, start, end, decay_steps):
    if decay_steps <= 0:
        raise ValueError("decay_steps must be at least 1")
    return float(np.interp(step, [0, decay_steps], [start, end]))


def select_action(q_network, obs, epsilon, rng):
    explore = rng.random() < epsilon
    with torch.no_grad():
        q = q_network(torch.tensor(np.asarray(obs), dtype=torch.float32)[None])[0]
    return int(rng.choice(q.numel())) if explore else int(torch.argmax(q))


def dqn_targets(rewards, terminated, next_q_target, gamma):
    future = rewards + gamma * next_q_target.amax(dim=1)
    return torch.where(terminated.bool(), rewards, future)


def double_dqn_targets(rewards, terminated, next_q_online, next_q_target, gamma):
    rows = torch.arange(len(rewards))
    future = rewards + gamma * next_q_target[rows, next_q_online.argmax(dim=1)]
    return torch.where(terminated.bool(), rewards, future)


def td_loss(online, target, batch, gamma, double=True):
    next_target = target(batch.next_obs).detach()
    if double:
        goal = double_dqn_targets(
            batch.rewards, batch.terminated, online(batch.next_obs).detach(), next_target, gamma
        )
    else:
        goal = dqn_targets(batch.rewards, batch.terminated, next_target, gamma)
    q = online(batch.obs)
    taken = q[torch.arange(len(batch.actions)), batch.actions]
    return F.huber_loss(taken, goal.detach(), delta=1.0)


def greedy(q_network, obs):
    with torch.no_grad():
        return int(q_network(torch.as_tensor(obs, dtype=torch.float32)).argmax())


def evaluate(q_network, env, seeds):
    returns = []
    for seed in seeds:
        obs, _ = env.reset(seed=seed)
        total = 0.0
        for _ in itertools.count():
            obs, reward, terminated, truncated, _ = env.step(greedy(q_network, obs))
            total += reward
            if terminated or truncated:
                break
        returns.append(float(total))
    return returns


@dataclass
class TrainResult:
    q_network: nn.Module
    episode_returns: list = field(default_factory=list)
    episode_ends: list = field(default_factory=list)
    evaluations: list = field(default_factory=list)
    steps: int = 0


def train(env, eval_env, config, on_evaluation=None):
    if not hasattr(env.action_space, "n"):
        raise ValueError(f"DQN chooses among discrete actions; {env.action_space} is not discrete")
    torch.manual_seed(config.seed)
    rng = np.random.default_rng(config.seed)
    online = make_q_network(env.observation_space.shape[0], env.action_space.n, config.hidden)
    target = make_target(online)
    optimizer = torch.optim.Adam(online.parameters(), lr=config.learning_rate)
    buffer = ReplayBuffer(config.buffer_size, env.observation_space.shape[0], config.seed)
    seeds = [int(s) for s in rng.integers(10**9, size=config.eval_episodes)]
    result = TrainResult(online)
    best = (float("-inf"), None)
    obs, _ = env.reset(seed=config.seed)
    running = 0.0
    for step in range(1, config.total_steps + 1):
        epsilon = epsilon_at(
            step - 1, config.epsilon_start, config.epsilon_end, config.epsilon_decay_steps
        )
        action = select_action(online, obs, epsilon, rng)
        next_obs, reward, terminated, truncated, _ = env.step(action)
        buffer.add(obs, action, reward, next_obs, terminated)
        running += reward
        obs = next_obs
        if terminated or truncated:
            result.episode_returns.append(running)
            result.episode_ends.append(step)
            running = 0.0
            obs, _ = env.reset()
        result.steps = step
        if step >= config.learning_starts and step % config.train_every == 0:
            loss = td_loss(online, target, buffer.sample(config.batch_size), config.gamma,
                           config.double)  # fmt: skip
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            sync_target(target, online, config.tau)
        if step % config.eval_every == 0:
            mean = float(np.mean(evaluate(online, eval_env, seeds)))
            result.evaluations.append((step, mean))
            if on_evaluation:
                on_evaluation(step, mean)
            if mean > best[0]:
                best = (mean, copy.deepcopy(online.state_dict()))
            if mean >= config.solved_mean:
                break
    if best[1] is not None:
        online.load_state_dict(best[1])
    result.q_network = online.eval()
    return result
