"""Tabular reinforcement learning: Q-learning and SARSA, judged against value iteration.

An agent that knows nothing about FrozenLake or Taxi learns a table of action values from the
rewards of its own episodes (Q-learning, SARSA), exploring with an epsilon-greedy policy whose
epsilon falls over the episodes. Value iteration computes the same table from the model of the
environment (`env.unwrapped.P`), which an agent in the real world rarely has. Read brief.md
first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import gymnasium as gym
import numpy as np

QTable = np.ndarray[Any, np.dtype[np.float64]]
# env.unwrapped.P: state -> action -> [(probability, next state, reward, terminated), ...]
Model = dict[int, dict[int, list[tuple[float, int, float, bool]]]]


@dataclass(frozen=True)
class Config:
    """The settings of one training run: episodes, step size, discount, exploration, seed.

    Epsilon falls from `epsilon_start` at episode 0 to `epsilon_end` at episode
    `decay_episodes` along the `schedule`, and stays at `epsilon_end` afterwards.
    """

    episodes: int
    alpha: float
    gamma: float
    epsilon_start: float = 1.0
    epsilon_end: float = 0.05
    decay_episodes: int = 1
    schedule: str = "linear"
    seed: int = 0


# The settings the checks train with on their bars (tuned on FrozenLake-v1 and Taxi-v4). The
# ice is noisy: a small alpha averages the slips, and gamma near 1 values the goal whatever
# the number of steps (the bar counts success within 100 steps, not speed).
FROZEN_LAKE_Q_LEARNING = Config(
    episodes=2000, alpha=0.1, gamma=0.999, epsilon_end=0.05, decay_episodes=1000
)
FROZEN_LAKE_SARSA = Config(
    episodes=2500, alpha=0.1, gamma=0.999, epsilon_end=0.05, decay_episodes=1250
)
# Taxi does not slip: alpha 1 replaces a value by its target. Its values start at 0, above
# every return but the delivery's, so the greedy choice itself tries what it has not tried.
TAXI_Q_LEARNING = Config(
    episodes=2000,
    alpha=1.0,
    gamma=0.99,
    epsilon_start=0.5,
    epsilon_end=0.0,
    decay_episodes=1500,
)


# --- exploration ----------------------------------------------------------------------------


def _check_schedule(episode: int, start: float, end: float, decay_episodes: int) -> None:
    if episode < 0:
        raise ValueError(f"episode is {episode}: episodes are counted from 0.")
    if not (0.0 <= start <= 1.0 and 0.0 <= end <= 1.0):
        raise ValueError(f"epsilon start {start} and end {end} must be probabilities in [0, 1].")
    if decay_episodes < 1:
        raise ValueError(f"decay_episodes is {decay_episodes}: it must be at least 1.")


def linear_epsilon(episode: int, start: float, end: float, decay_episodes: int) -> float:
    """Epsilon falling in a straight line from `start` (episode 0) to `end` (episode
    `decay_episodes`), then staying at `end`."""
    _check_schedule(episode, start, end, decay_episodes)
    progress = min(episode / decay_episodes, 1.0)
    return start + (end - start) * progress


def exponential_epsilon(episode: int, start: float, end: float, decay_episodes: int) -> float:
    """Epsilon multiplied by the same factor each episode, from `start` (episode 0) to `end`
    (episode `decay_episodes`), then staying at `end`; both must be above 0."""
    _check_schedule(episode, start, end, decay_episodes)
    if start <= 0.0 or end <= 0.0:
        raise ValueError(
            f"an exponential schedule needs epsilon start and end above 0 (got {start} and "
            f"{end}): a product of factors never reaches 0; use the linear schedule."
        )
    progress = min(episode / decay_episodes, 1.0)
    return start * (end / start) ** progress


SCHEDULES = {"linear": linear_epsilon, "exponential": exponential_epsilon}


def epsilon_at(config: Config, episode: int) -> float:
    """The exploration rate of `episode` under the config's schedule."""
    schedule = SCHEDULES.get(config.schedule)
    if schedule is None:
        raise ValueError(f"schedule is {config.schedule!r}: use one of {', '.join(SCHEDULES)}.")
    return schedule(episode, config.epsilon_start, config.epsilon_end, config.decay_episodes)


def epsilon_greedy(q_row: QTable, epsilon: float, rng: np.random.Generator) -> int:
    """With probability epsilon, an action drawn uniformly from all of them; otherwise one of
    the actions of highest value, ties drawn uniformly."""
    if rng.random() < epsilon:
        return int(rng.integers(len(q_row)))
    best = np.flatnonzero(q_row == np.max(q_row))
    return int(best[0]) if len(best) == 1 else int(rng.choice(best))


# --- the two updates --------------------------------------------------------------------------


def q_learning_update(
    q: QTable,
    state: int,
    action: int,
    reward: float,
    next_state: int,
    terminated: bool,
    alpha: float,
    gamma: float,
) -> None:
    """Move q[state, action] by alpha towards reward + gamma * max(q[next_state]); a
    terminated episode has no future, so its target is the reward alone. Updates q in place."""
    future = 0.0 if terminated else gamma * float(np.max(q[next_state]))
    q[state, action] += alpha * (reward + future - q[state, action])


def sarsa_update(
    q: QTable,
    state: int,
    action: int,
    reward: float,
    next_state: int,
    next_action: int,
    terminated: bool,
    alpha: float,
    gamma: float,
) -> None:
    """Move q[state, action] by alpha towards reward + gamma * q[next_state, next_action]: the
    value of the action the agent takes next, not the best one. Updates q in place."""
    future = 0.0 if terminated else gamma * float(q[next_state, next_action])
    q[state, action] += alpha * (reward + future - q[state, action])


# --- training ---------------------------------------------------------------------------------


def _validate(env: gym.Env[Any, Any], config: Config) -> tuple[int, int]:
    """(states, actions) of a discrete environment; ValueError for a setting out of range."""
    spaces = (env.observation_space, env.action_space)
    if not all(isinstance(space, gym.spaces.Discrete) for space in spaces):
        raise ValueError(
            "a Q-table needs discrete states and actions (gymnasium.spaces.Discrete), got "
            f"{spaces[0]} and {spaces[1]}: use FrozenLake or Taxi, or a DQN for CartPole."
        )
    if config.episodes < 1:
        raise ValueError(f"episodes is {config.episodes}: train for at least 1 episode.")
    if not 0.0 < config.alpha <= 1.0:
        raise ValueError(f"alpha is {config.alpha}: the step size must be in (0, 1].")
    if not 0.0 <= config.gamma <= 1.0:
        raise ValueError(f"gamma is {config.gamma}: the discount must be in [0, 1].")
    epsilon_at(config, 0)  # the schedule's own checks: its name, epsilons, decay_episodes
    return int(env.observation_space.n), int(env.action_space.n)  # type: ignore[attr-defined]


def _train(env: gym.Env[Any, Any], config: Config, *, on_policy: bool) -> QTable:
    """The loop both methods share; `on_policy` bootstraps from the next action (SARSA)
    instead of the best one (Q-learning)."""
    states, actions = _validate(env, config)
    q = np.zeros((states, actions))
    rng = np.random.default_rng(config.seed)
    # Gymnasium seeds its generator exactly as default_rng does: seeded with config.seed too,
    # the ice would slip on the very numbers that decide our exploring. Its own seed, drawn
    # from ours, keeps the run reproducible and the two independent.
    env_seed = int(rng.integers(2**31))
    for episode in range(config.episodes):
        epsilon = epsilon_at(config, episode)
        state, _ = env.reset(seed=env_seed if episode == 0 else None)
        action = epsilon_greedy(q[state], epsilon, rng)
        done = False
        while not done:
            next_state, reward, terminated, truncated, _ = env.step(action)
            # At a time-limit cut (truncated) the state still has a future: bootstrap from it.
            next_action = epsilon_greedy(q[next_state], epsilon, rng)
            if on_policy:
                sarsa_update(
                    q, state, action, float(reward), next_state, next_action, terminated,
                    config.alpha, config.gamma,
                )  # fmt: skip
            else:
                q_learning_update(
                    q, state, action, float(reward), next_state, terminated,
                    config.alpha, config.gamma,
                )  # fmt: skip
            state, action = next_state, next_action
            done = terminated or truncated
    return q


def q_learning(env: gym.Env[Any, Any], config: Config) -> QTable:
    """Off-policy TD control: the Q-table (states x actions) learnt in `config.episodes`
    epsilon-greedy episodes, each update towards the best next action's value."""
    return _train(env, config, on_policy=False)


def sarsa(env: gym.Env[Any, Any], config: Config) -> QTable:
    """On-policy TD control: the Q-table learnt in `config.episodes` epsilon-greedy
    episodes, each update towards the value of the action actually taken next."""
    return _train(env, config, on_policy=True)


# --- evaluation and planning ------------------------------------------------------------------


def evaluate(env: gym.Env[Any, Any], policy: Sequence[int], episodes: int, seed: int) -> float:
    """The mean (undiscounted) return of `policy` (one action per state) over `episodes`
    episodes; episode i starts with env.reset(seed=seed + i)."""
    if episodes < 1:
        raise ValueError(f"episodes is {episodes}: evaluate at least 1 episode.")
    total = 0.0
    for i in range(episodes):
        state, _ = env.reset(seed=seed + i)
        done = False
        while not done:
            state, reward, terminated, truncated, _ = env.step(int(policy[state]))
            total += float(reward)
            done = terminated or truncated
    return total / episodes


def value_iteration(model: Model, gamma: float, tol: float = 1e-10) -> QTable:
    """The optimal action values (states x actions) of a known model, by sweeps of the
    Bellman optimality update q(s, a) = sum of p * (r + gamma * max q(s2, .)) over the
    outcomes of (s, a), a terminated outcome having no future, until no value moves by more
    than `tol`."""
    if not 0.0 <= gamma < 1.0:
        raise ValueError(f"gamma is {gamma}: value iteration needs a discount in [0, 1).")
    if tol <= 0.0:
        raise ValueError(f"tol is {tol}: the stopping tolerance must be above 0.")
    states, actions = len(model), len(model[0])
    # The model as arrays: the expected reward of each (s, a), and the probability of going
    # on from (s, a) to each s2 without the episode ending (S x A x S: fine for small tables).
    reward = np.zeros((states, actions))
    going_on = np.zeros((states, actions, states))
    for s in range(states):
        for a in range(actions):
            for p, s2, r, terminated in model[s][a]:
                reward[s, a] += p * r
                if not terminated:
                    going_on[s, a, s2] += p
    q = np.zeros((states, actions))
    while True:
        new = reward + gamma * going_on @ q.max(axis=1)
        change = float(np.max(np.abs(new - q)))
        q = new
        if not change > tol:  # "not >" also stops on NaN
            return q
