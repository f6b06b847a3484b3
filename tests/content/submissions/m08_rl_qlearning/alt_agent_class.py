"""Correct another way: an agent class holding the table and its generator; Q-learning in the
textbook order (choose at the top of each step, after the last update), SARSA in its own loop;
epsilon-greedy through a probability vector and rng.choice; the agent's and the environment's
seeds spawned from one SeedSequence; the updates as a weighted mean of the old value and the
target; the exponential schedule through exp and log; value iteration by in-place
(Gauss-Seidel) sweeps over Python lists."""

from __future__ import annotations

import math
from dataclasses import dataclass

import gymnasium as gym
import numpy as np


@dataclass(frozen=True)
class Config:
    episodes: int
    alpha: float
    gamma: float
    epsilon_start: float = 1.0
    epsilon_end: float = 0.05
    decay_episodes: int = 1
    schedule: str = "linear"
    seed: int = 0


FROZEN_LAKE_Q_LEARNING = Config(
    episodes=2000, alpha=0.1, gamma=0.999, epsilon_end=0.05, decay_episodes=1000
)
FROZEN_LAKE_SARSA = Config(
    episodes=2500, alpha=0.1, gamma=0.999, epsilon_end=0.05, decay_episodes=1250
)
TAXI_Q_LEARNING = Config(
    episodes=2000, alpha=1.0, gamma=0.99, epsilon_start=0.5, epsilon_end=0.0, decay_episodes=1500
)


def _arguments(episode, start, end, decay_episodes):
    problems = []
    if episode < 0:
        problems.append(f"episode {episode} is negative")
    if not 0 <= start <= 1:
        problems.append(f"start {start} is not a probability")
    if not 0 <= end <= 1:
        problems.append(f"end {end} is not a probability")
    if decay_episodes < 1:
        problems.append(f"decay_episodes {decay_episodes} is below 1")
    if problems:
        raise ValueError("; ".join(problems))


def linear_epsilon(episode, start, end, decay_episodes):
    _arguments(episode, start, end, decay_episodes)
    if episode >= decay_episodes:
        return end
    return start - (start - end) * episode / decay_episodes


def exponential_epsilon(episode, start, end, decay_episodes):
    _arguments(episode, start, end, decay_episodes)
    if start == 0 or end == 0:
        raise ValueError("the exponential schedule needs a start and an end above 0")
    if episode >= decay_episodes:
        return end
    rate = math.log(end / start) / decay_episodes
    return start * math.exp(rate * episode)


def epsilon_greedy(q_row, epsilon, rng):
    values = np.asarray(q_row)
    best = values == values.max()
    probabilities = np.full(len(values), epsilon / len(values))
    probabilities[best] += (1.0 - epsilon) / best.sum()
    return int(rng.choice(len(values), p=probabilities))


def q_learning_update(q, state, action, reward, next_state, terminated, alpha, gamma):
    target = reward if terminated else reward + gamma * q[next_state].max()
    q[state, action] = (1 - alpha) * q[state, action] + alpha * target


def sarsa_update(q, state, action, reward, next_state, next_action, terminated, alpha, gamma):
    target = reward if terminated else reward + gamma * q[next_state][next_action]
    q[state, action] = (1 - alpha) * q[state, action] + alpha * target


class Agent:
    """A Q-table and the generator of its exploration, for one training run."""

    def __init__(self, env, config):
        for space in (env.observation_space, env.action_space):
            if not isinstance(space, gym.spaces.Discrete):
                raise ValueError(f"{space} is not a Discrete space: a table cannot index it")
        if config.episodes < 1:
            raise ValueError("episodes must be at least 1")
        if not 0 < config.alpha <= 1:
            raise ValueError(f"alpha {config.alpha} is outside (0, 1]")
        if not 0 <= config.gamma <= 1:
            raise ValueError(f"gamma {config.gamma} is outside [0, 1]")
        if config.schedule == "linear":
            self.schedule = linear_epsilon
        elif config.schedule == "exponential":
            self.schedule = exponential_epsilon
        else:
            raise ValueError(f"unknown schedule {config.schedule!r}")
        self.schedule(0, config.epsilon_start, config.epsilon_end, config.decay_episodes)
        self.env, self.config = env, config
        self.q = np.zeros((env.observation_space.n, env.action_space.n))
        # two independent streams from one seed: the agent's draws and the environment's
        mine, its = np.random.SeedSequence(config.seed).spawn(2)
        self.rng = np.random.default_rng(mine)
        self.env_seed = int(its.generate_state(1)[0])

    def epsilon(self, episode):
        c = self.config
        return self.schedule(episode, c.epsilon_start, c.epsilon_end, c.decay_episodes)

    def act(self, state, epsilon):
        return epsilon_greedy(self.q[state], epsilon, self.rng)

    def start(self, episode):
        seed = self.env_seed if episode == 0 else None
        state, _ = self.env.reset(seed=seed)
        return state


def q_learning(env, config):
    agent = Agent(env, config)
    for episode in range(config.episodes):
        epsilon = agent.epsilon(episode)
        state = agent.start(episode)
        while True:
            action = agent.act(state, epsilon)
            next_state, reward, terminated, truncated, _ = env.step(action)
            q_learning_update(
                agent.q, state, action, reward, next_state, terminated, config.alpha, config.gamma
            )
            if terminated or truncated:
                break
            state = next_state
    return agent.q


def sarsa(env, config):
    agent = Agent(env, config)
    for episode in range(config.episodes):
        epsilon = agent.epsilon(episode)
        state = agent.start(episode)
        action = agent.act(state, epsilon)
        ended = False
        while not ended:
            next_state, reward, terminated, truncated, _ = env.step(action)
            next_action = agent.act(next_state, epsilon)
            sarsa_update(
                agent.q,
                state,
                action,
                reward,
                next_state,
                next_action,
                terminated,
                config.alpha,
                config.gamma,
            )
            state, action = next_state, next_action
            ended = terminated or truncated
    return agent.q


def evaluate(env, policy, episodes, seed):
    if episodes <= 0:
        raise ValueError("evaluate needs at least one episode")
    returns = []
    for i in range(episodes):
        state, _ = env.reset(seed=seed + i)
        total, ended = 0.0, False
        while not ended:
            state, reward, terminated, truncated, _ = env.step(policy[state])
            total += reward
            ended = terminated or truncated
        returns.append(total)
    return sum(returns) / len(returns)


def value_iteration(model, gamma, tol=1e-10):
    if gamma >= 1 or gamma < 0:
        raise ValueError(f"gamma {gamma}: value iteration needs a discount below 1")
    if not tol > 0:
        raise ValueError(f"tol {tol}: sweeps may never move by 0 or less")
    states, actions = len(model), len(model[0])
    q = [[0.0] * actions for _ in range(states)]
    while True:
        moved = 0.0
        for s in range(states):
            for a in range(actions):
                value = 0.0
                for p, s2, r, terminated in model[s][a]:
                    value += p * (r if terminated else r + gamma * max(q[s2]))
                moved = max(moved, abs(value - q[s][a]))
                q[s][a] = value
        if moved <= tol:
            return np.array(q)
