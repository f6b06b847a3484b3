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


# The settings the checks train with on their bars: tune them (more episodes, another alpha,
# another fall of epsilon) until the greedy policies reach the bars. These are a start.
FROZEN_LAKE_Q_LEARNING = Config(episodes=500, alpha=0.1, gamma=0.99, decay_episodes=250)
FROZEN_LAKE_SARSA = Config(episodes=500, alpha=0.1, gamma=0.99, decay_episodes=250)
TAXI_Q_LEARNING = Config(episodes=500, alpha=0.1, gamma=0.99, decay_episodes=250)


# --- exploration ----------------------------------------------------------------------------


def linear_epsilon(episode: int, start: float, end: float, decay_episodes: int) -> float:
    """Epsilon falling in a straight line from `start` (episode 0) to `end` (episode
    `decay_episodes`), then staying at `end`."""
    raise NotImplementedError("linear_epsilon: from start to end in a straight line")


def exponential_epsilon(episode: int, start: float, end: float, decay_episodes: int) -> float:
    """Epsilon multiplied by the same factor each episode, from `start` (episode 0) to `end`
    (episode `decay_episodes`), then staying at `end`; both must be above 0."""
    raise NotImplementedError("exponential_epsilon: from start to end by a constant factor")


def epsilon_greedy(q_row: QTable, epsilon: float, rng: np.random.Generator) -> int:
    """With probability epsilon, an action drawn uniformly from all of them; otherwise one of
    the actions of highest value, ties drawn uniformly."""
    raise NotImplementedError(
        "epsilon_greedy: explore with probability epsilon, else a best action"
    )


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
    raise NotImplementedError("q_learning_update: move q[state, action] towards its target")


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
    raise NotImplementedError("sarsa_update: move q[state, action] towards its target")


# --- training ---------------------------------------------------------------------------------


def q_learning(env: gym.Env[Any, Any], config: Config) -> QTable:
    """Off-policy TD control: the Q-table (states x actions) learnt in `config.episodes`
    epsilon-greedy episodes, each update towards the best next action's value."""
    raise NotImplementedError("q_learning: the training loop, Q-learning's update")


def sarsa(env: gym.Env[Any, Any], config: Config) -> QTable:
    """On-policy TD control: the Q-table learnt in `config.episodes` epsilon-greedy
    episodes, each update towards the value of the action actually taken next."""
    raise NotImplementedError("sarsa: the training loop, SARSA's update")


# --- evaluation and planning ------------------------------------------------------------------


def evaluate(env: gym.Env[Any, Any], policy: Sequence[int], episodes: int, seed: int) -> float:
    """The mean (undiscounted) return of `policy` (one action per state) over `episodes`
    episodes; episode i starts with env.reset(seed=seed + i)."""
    raise NotImplementedError("evaluate: the mean return of seeded episodes")


def value_iteration(model: Model, gamma: float, tol: float = 1e-10) -> QTable:
    """The optimal action values (states x actions) of a known model, by sweeps of the
    Bellman optimality update q(s, a) = sum of p * (r + gamma * max q(s2, .)) over the
    outcomes of (s, a), a terminated outcome having no future, until no value moves by more
    than `tol`."""
    raise NotImplementedError("value_iteration: Bellman optimality sweeps until nothing moves")
