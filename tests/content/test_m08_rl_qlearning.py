"""m08-rl-qlearning: the checks' own references against plain simulation.

The bars judge a greedy policy by its exact expected return, computed by dynamic programming
on `env.unwrapped.P`; value iteration's check compares with policy iteration. Here both are
compared with what the environment itself does when played. The solution, the starter and the
held-back submissions (submissions/m08_rl_qlearning/) are run by
tests/content/test_submissions.py, the contract table by tests/content/test_contracts.py.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from types import ModuleType

import numpy as np
import pytest

from tests.content.contracts import load_checks

gym = pytest.importorskip("gymnasium")

EXERCISE_ID = "m08-rl-qlearning"


@pytest.fixture(scope="module")
def checks() -> Iterator[ModuleType]:
    """The exercise's checks.py, imported under a private name."""
    name = "_m08_rl_qlearning_checks_under_test"
    yield load_checks(EXERCISE_ID, name)
    sys.modules.pop(name, None)


def _played(env_id: str, policy: tuple[int, ...], episodes: int) -> np.ndarray:
    """The returns of `episodes` seeded episodes of `policy`, played in the environment."""
    env = gym.make(env_id, **({"is_slippery": True} if env_id == "FrozenLake-v1" else {}))
    returns = np.zeros(episodes)
    for i in range(episodes):
        state, _ = env.reset(seed=1000 + i)
        done = False
        while not done:
            state, reward, terminated, truncated, _ = env.step(policy[state])
            returns[i] += reward
            done = terminated or truncated
    return returns


@pytest.mark.parametrize(("env_id", "limit"), [("FrozenLake-v1", 100), ("Taxi-v4", 200)])
def test_exact_return_agrees_with_played_episodes(
    checks: ModuleType, env_id: str, limit: int
) -> None:
    """The exact value of value iteration's greedy policy lies within 4 standard errors of the
    mean of 600 played episodes (a wrong model reading, say a missed time limit or terminal
    flag, moves it by far more)."""
    policy = checks._env_optimal_policy(env_id, 0.99)
    exact = checks._finite_horizon(checks._env_arrays(env_id), limit, policy)
    returns = _played(env_id, policy, 600)
    error = returns.std(ddof=1) / np.sqrt(len(returns))
    assert abs(returns.mean() - exact) <= 4 * error, (exact, returns.mean(), error)


def test_the_best_within_the_limit_is_above_every_stationary_greedy_policy(
    checks: ModuleType,
) -> None:
    """The finite-horizon optimum the bars quote bounds the greedy policies of value
    iteration at several discounts, and the stated figures are the computed ones."""
    arrays = checks._env_arrays("FrozenLake-v1")
    best = checks._env_best("FrozenLake-v1", 100)
    for gamma in (0.9, 0.99, 0.999):
        policy = np.argmax(checks._optimal_q(arrays, gamma), axis=1)
        assert checks._finite_horizon(arrays, 100, policy) <= best + 1e-12
    assert round(best, 3) == 0.744
    assert round(checks._env_best("Taxi-v4", 200), 2) == 7.93


def test_policy_iteration_is_a_fixed_point_of_the_bellman_optimality_update(
    checks: ModuleType,
) -> None:
    """The reference Q* of value_iteration's check satisfies q = r + gamma P max q."""
    model = checks._random_model(5)
    arrays = checks._arrays(model, np.ones(6) / 6)
    q = checks._optimal_q(arrays, 0.8)
    again = arrays.reward + 0.8 * arrays.going_on @ q.max(axis=1)
    assert np.allclose(q, again, rtol=0, atol=1e-12)
