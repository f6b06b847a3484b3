"""Correct another way: a buffer that is a Python list of transitions used as a ring, sampled
with random.Random; the network built in a loop; soft updates through state dicts; the Huber
loss written with torch.where; and a training loop that runs episode by episode."""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import torch
from gymnasium import spaces
from torch import nn


@dataclass(frozen=True)
class Config:
    seed: int = 0
    total_steps: int = 30_000
    buffer_size: int = 50_000
    batch_size: int = 128
    hidden: int = 64
    learning_rate: float = 2e-3
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
        if capacity < 1:
            raise ValueError("a buffer needs a capacity of at least 1")
        self.capacity = capacity
        self.items = []
        self.oldest = 0
        self.random = random.Random(seed)

    def __len__(self):
        return len(self.items)

    def add(self, obs, action, reward, next_obs, terminated):
        item = (np.asarray(obs), action, reward, np.asarray(next_obs), terminated)
        if len(self.items) < self.capacity:
            self.items.append(item)
        else:
            self.items[self.oldest] = item
            self.oldest = (self.oldest + 1) % self.capacity

    def sample(self, batch_size):
        if not self.items:
            raise ValueError("the replay buffer is empty")
        chosen = [self.items[i] for i in self.random.choices(range(len(self.items)), k=batch_size)]
        obs, actions, rewards, next_obs, terminated = zip(*chosen, strict=True)
        return Batch(
            torch.tensor(np.stack(obs), dtype=torch.float32),
            torch.tensor(actions, dtype=torch.int64),
            torch.tensor(rewards, dtype=torch.float32),
            torch.tensor(np.stack(next_obs), dtype=torch.float32),
            torch.tensor(terminated, dtype=torch.float32),
        )


def make_q_network(obs_dim, n_actions, hidden=64):
    layers = []
    width = obs_dim
    for _ in range(2):
        layers += [nn.Linear(width, hidden), nn.ReLU()]
        width = hidden
    return nn.Sequential(*layers, nn.Linear(width, n_actions))


def make_target(online):
    target = copy.deepcopy(online).eval()
    target.requires_grad_(False)
    return target


def sync_target(target, online, tau=1.0):
    if not 0 < tau <= 1:
        raise ValueError(f"tau={tau}: a share of the online weights, in (0, 1]")
    new, old = online.state_dict(), target.state_dict()
    target.load_state_dict({k: tau * new[k] + (1 - tau) * old[k] for k in old})


def epsilon_at(step, start, end, decay_steps):
    if decay_steps < 1:
        raise ValueError(f"decay_steps={decay_steps} is below 1")
    if step >= decay_steps:
        return end
    return start - (start - end) * step / decay_steps


def select_action(q_network, obs, epsilon, rng):
    with torch.no_grad():
        q = q_network(torch.as_tensor(obs, dtype=torch.float32).reshape(1, -1)).numpy()[0]
    if rng.uniform() < epsilon:
        return int(rng.integers(0, q.size))
    return int(np.argmax(q))


def dqn_targets(rewards, terminated, next_q_target, gamma):
    alive = torch.logical_not(terminated.bool()).float()
    return rewards + gamma * alive * next_q_target.max(dim=1).values


def double_dqn_targets(rewards, terminated, next_q_online, next_q_target, gamma):
    alive = torch.logical_not(terminated.bool()).float()
    best = next_q_online.argmax(dim=1)
    return rewards + gamma * alive * next_q_target[torch.arange(len(best)), best]


def td_loss(online, target, batch, gamma, double=True):
    with torch.no_grad():
        if double:
            goal = double_dqn_targets(
                batch.rewards,
                batch.terminated,
                online(batch.next_obs),
                target(batch.next_obs),
                gamma,
            )
        else:
            goal = dqn_targets(batch.rewards, batch.terminated, target(batch.next_obs), gamma)
    taken = online(batch.obs).gather(1, batch.actions.view(-1, 1)).view(-1)
    error = (taken - goal).abs()
    return torch.where(error < 1.0, 0.5 * error**2, error - 0.5).mean()


def evaluate(q_network, env, seeds):
    returns = []
    for seed in seeds:
        obs, _ = env.reset(seed=int(seed))
        total, over = 0.0, False
        while not over:
            with torch.no_grad():
                action = int(q_network(torch.as_tensor(obs, dtype=torch.float32)).argmax())
            obs, reward, terminated, truncated, _ = env.step(action)
            total += float(reward)
            over = terminated or truncated
        returns.append(total)
    return returns


@dataclass
class TrainResult:
    q_network: nn.Module
    episode_returns: list = field(default_factory=list)
    episode_ends: list = field(default_factory=list)
    evaluations: list = field(default_factory=list)
    steps: int = 0


def train(env, eval_env, config, on_evaluation=None):
    if not isinstance(env.action_space, spaces.Discrete):
        raise ValueError(f"train needs a Discrete action space, got {env.action_space}")
    torch.manual_seed(config.seed)
    rng = np.random.default_rng(config.seed)
    size = env.observation_space.shape[0]
    online = make_q_network(size, env.action_space.n, config.hidden)
    target = make_target(online)
    optimizer = torch.optim.Adam(online.parameters(), lr=config.learning_rate)
    buffer = ReplayBuffer(config.buffer_size, size, seed=config.seed)
    eval_seeds = [7_000 + 100 * config.seed + k for k in range(config.eval_episodes)]
    result = TrainResult(online)
    best_mean, best_state = None, None
    step, solved, first = 0, False, True
    while step < config.total_steps and not solved:
        obs, _ = env.reset(seed=config.seed if first else None)
        first, total, over = False, 0.0, False
        while not over and step < config.total_steps and not solved:
            step += 1
            epsilon = epsilon_at(
                step - 1, config.epsilon_start, config.epsilon_end, config.epsilon_decay_steps
            )
            action = select_action(online, obs, epsilon, rng)
            next_obs, reward, terminated, truncated, _ = env.step(action)
            buffer.add(obs, action, float(reward), next_obs, bool(terminated))
            total += float(reward)
            obs, over = next_obs, terminated or truncated
            if over:
                result.episode_returns.append(total)
                result.episode_ends.append(step)
            if step >= config.learning_starts and step % config.train_every == 0:
                batch = buffer.sample(config.batch_size)
                optimizer.zero_grad()
                td_loss(online, target, batch, config.gamma, config.double).backward()
                optimizer.step()
                sync_target(target, online, config.tau)
            if step % config.eval_every == 0:
                mean = sum(evaluate(online, eval_env, eval_seeds)) / len(eval_seeds)
                result.evaluations.append((step, mean))
                if on_evaluation is not None:
                    on_evaluation(step, mean)
                if best_mean is None or mean > best_mean:
                    best_mean, best_state = mean, copy.deepcopy(online.state_dict())
                solved = mean >= config.solved_mean
    result.steps = step
    if best_state is not None:
        online.load_state_dict(best_state)
    result.q_network = online.eval()
    return result
