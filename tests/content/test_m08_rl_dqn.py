"""m08-rl-dqn: the checks' own references (the greedy episodes of the bar, the recording
wrapper, the Huber loss written by hand) against independent code.

The solution, the starter and the held-back submissions (submissions/m08_rl_dqn/) are run by
tests/content/test_submissions.py, the contract table by tests/content/test_contracts.py.
"""

from __future__ import annotations

from types import ModuleType

import gymnasium as gym
import pytest
import torch

from tests.content.contracts import load_checks

EXERCISE_ID = "m08-rl-dqn"


@pytest.fixture(scope="module")
def checks() -> ModuleType:
    return load_checks(EXERCISE_ID, "_m08_rl_dqn_checks_under_test")


def _one_episode(net: torch.nn.Module, seed: int) -> float:
    env = gym.make("CartPole-v1")
    obs, _ = env.reset(seed=seed)
    steps = 0
    while True:
        with torch.no_grad():
            action = int(net(torch.tensor(obs).reshape(1, 4))[0].argmax())
        obs, _, terminated, truncated, _ = env.step(action)
        steps += 1
        if terminated or truncated:
            return float(steps)


def test_the_bar_plays_the_same_episodes_side_by_side_as_one_by_one(checks: ModuleType) -> None:
    """greedy_returns steps every running episode with one batch: the returns must be those of
    the episodes played alone (a weak controller, so that they end at different steps)."""
    net = checks._controller(1.0, 0.0)
    seeds = [11, 12, 13, 14, 15, 16]
    expected = [_one_episode(net, seed) for seed in seeds]
    assert len(set(expected)) > 1
    assert checks.greedy_returns(net, seeds) == expected


def test_the_recording_wrapper_sees_what_the_env_does(checks: ModuleType) -> None:
    env = checks.recorded(gym.make("CartPole-v1", max_episode_steps=10))
    env.reset(seed=3)
    done, steps = False, 0
    while not done:
        _, _, terminated, truncated, _ = env.step(steps % 2)
        steps += 1
        done = terminated or truncated
    env.reset()
    assert env.steps == steps == len(env.transitions)
    assert env.returns == [float(steps)] and env.ends == [steps]
    assert env.reset_seeds == [3, None]
    first, last = env.transitions[0], env.transitions[-1]
    assert first[1] == 0 and first[2] == 1.0
    assert last[4] or last[5]  # the last step ended the episode
    pairs = zip(env.transitions, env.transitions[1:], strict=False)
    assert all(a[3].tolist() == b[0].tolist() for a, b in pairs)  # next_obs, then obs


def test_the_hand_written_huber_loss_is_torchs(checks: ModuleType) -> None:
    from torch.nn import functional as F

    online, target, batch = checks._loss_case()
    for double in (False, True):
        mine = checks._reference_loss(online, target, batch, 0.9, double)
        with torch.no_grad():
            next_target = target(batch.next_obs)
            if double:
                pick = online(batch.next_obs).argmax(1, keepdim=True)
                value = next_target.gather(1, pick).squeeze(1)
            else:
                value = next_target.max(1).values
            goal = batch.rewards + 0.9 * (1 - batch.terminated) * value
        taken = online(batch.obs).gather(1, batch.actions[:, None]).squeeze(1)
        torchs = F.smooth_l1_loss(taken, goal)
        assert float(mine.detach()) == pytest.approx(float(torchs.detach()), rel=1e-6)
        errors = (taken - goal).abs()
        assert bool((errors > 1).any()) and bool((errors < 1).any())  # both branches used
