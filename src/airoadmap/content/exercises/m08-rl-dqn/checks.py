"""Checks of m08-rl-dqn: a DQN with a replay buffer, a target network and double DQN on
CartPole-v1.

Every reference is computed here, independently of the learner's code: the sampled rows are
matched to the transitions the check stored; uniformity is a chi-square test on 20,000 draws;
the targets, the Huber loss and its gradients are recomputed with torch on the check's own
small networks; greedy episodes are replayed on gymnasium's CartPole. The training checks hand
`train` environments that record every step: what the learner reports (episode returns,
evaluations) and stores (each transition, with `terminated` apart from the time limit) must
be what happened. The bar trains once, with the learner's Config, within the step budget,
and plays 100 greedy episodes on seeds the learner's code never sees.
"""

from __future__ import annotations

import dataclasses
import inspect
import math
from collections.abc import Callable, Sequence
from functools import cache
from types import ModuleType
from typing import Any, NamedTuple

import numpy as np

from airoadmap.grading.api import (
    Context,
    check,
    expect,
    expect_bar,
    expect_close,
    expect_equal,
    expect_raises,
    fail,
    short,
)
from airoadmap.grading.kit.modelcheck import once
from airoadmap.grading.kit.needs import TORCH, need

MODULE = "dqn"
ENV_ID = "CartPole-v1"
CONTINUOUS_ENV_ID = "Pendulum-v1"  # a Box action space: DQN cannot choose among its actions

# The bar: the learner's Config trains for at most this many steps of the training env (the
# evaluation episodes on eval_env are counted apart), then plays greedy episodes on these
# seeds, which no code of the learner's sees.
BUDGET_STEPS = 30_000
BAR_SEEDS = tuple(range(90_000, 90_100))

# Uniform sampling: 20,000 draws over 50 stored transitions (400 each expected); a correct
# sampler fails the chi-square test at this p-value once in 10,000 seeds.
UNIFORM_DRAWS = 20_000
UNIFORM_P = 1e-4
# Epsilon-greedy: 3,000 actions; the share of greedy ones may stray this many standard
# errors from 1 - epsilon + epsilon / n_actions (a correct one strays that far once in 10^5).
ACTIONS_DRAWN = 3_000
SHARE_SIGMAS = 4.5

# The short training runs of the loop checks: the learner's Config with these settings, on
# CartPole cut at TIME_LIMIT steps, so that episodes end by the time limit too.
SHORT = {
    "total_steps": 600,
    "learning_starts": 100,
    "batch_size": 32,
    "buffer_size": 1_000,
    "epsilon_decay_steps": 300,
    "eval_every": 200,
    "eval_episodes": 3,
    "solved_mean": math.inf,
}
TIME_LIMIT = 25
NEVER = 10**9  # an eval_every or learning_starts no short run reaches
# make_q_network's default width, and the seed of the network whose outputs must go negative
# (a correct network gives negative Q-values to some of 200 random observations; one with a
# ReLU on its output never does).
DEFAULT_HIDDEN = 64
NEGATIVE_SEED = 4


def _torch() -> ModuleType:
    """PyTorch (imported on first use)."""
    return need("torch", exercise="m08-rl-dqn", install=TORCH)


def _gym() -> ModuleType:
    """gymnasium (imported on first use)."""
    return need("gymnasium", exercise="m08-rl-dqn", install="gymnasium")


def _module(ctx: Context, *names: str) -> ModuleType:
    module = ctx.load(MODULE)
    for name in names:
        if getattr(module, name, None) is None:
            fail(f"{MODULE}.py defines no {name}: keep the names of the starter.")
    return module


# --- the replay buffer -----------------------------------------------------------------------


def _transition(i: int) -> tuple[Any, int, float, Any, bool]:
    """The i-th transition the buffer checks store: each field tells i apart."""
    obs = np.array([i, i + 0.5, -i], dtype=np.float64)
    return obs, i % 2, 10.0 + i, obs + 100.0, i % 3 == 0


FIELDS = ("obs", "actions", "rewards", "next_obs", "terminated")


def _batch_arrays(batch: Any, size: int, obs_dim: int, call: str) -> dict[str, Any]:
    """The five fields of a sampled batch as NumPy arrays, after their types and shapes."""
    torch = _torch()
    missing = [name for name in FIELDS if not hasattr(batch, name)]
    if missing:
        fail(
            f"{call} returned {type(batch).__name__} without {', '.join(missing)}: return a "
            "Batch(obs, actions, rewards, next_obs, terminated)."
        )
    dtypes = {
        "obs": torch.float32,
        "actions": torch.int64,
        "rewards": torch.float32,
        "next_obs": torch.float32,
        "terminated": torch.float32,
    }
    shapes = {"obs": (size, obs_dim), "next_obs": (size, obs_dim)}
    arrays = {}
    for name, dtype in dtypes.items():
        value = getattr(batch, name)
        shape = shapes.get(name, (size,))
        expect(
            isinstance(value, torch.Tensor)
            and value.dtype == dtype
            and tuple(value.shape) == shape,
            f"{call}.{name} is {type(value).__name__} {getattr(value, 'dtype', '')} of shape "
            f"{tuple(getattr(value, 'shape', ()))}, expected a {dtype} tensor of shape {shape}.",
        )
        arrays[name] = value.detach().numpy()
    return arrays


def _stored_rows(module: ModuleType, capacity: int, added: int, seed: int = 0) -> Any:
    buffer = module.ReplayBuffer(capacity, 3, seed=seed)
    for i in range(added):
        buffer.add(*_transition(i))
    return buffer


@check("ReplayBuffer keeps the last `capacity` transitions and samples them whole",
       hint="buffer")  # fmt: skip
def buffer_keeps_the_last(ctx: Context) -> None:
    module = _module(ctx, "ReplayBuffer")
    buffer = module.ReplayBuffer(5, 3, seed=0)
    expect_equal(len(buffer), 0, call="len(ReplayBuffer(5, 3))")
    for i in range(8):
        buffer.add(*_transition(i))
        expect_equal(
            len(buffer),
            min(i + 1, 5),
            call=f"len(buffer) after {i + 1} add() calls (capacity 5)",
            note="The buffer holds at most `capacity` transitions: once full, each new one "
            "replaces the oldest.",
        )
    for capacity, added in ((5, 8), (10, 4), (1, 3)):
        call = f"ReplayBuffer({capacity}, 3) after {added} add() calls: sample(200)"
        buffer = _stored_rows(module, capacity, added)
        arrays = _batch_arrays(buffer.sample(200), 200, 3, call)
        kept = range(max(0, added - capacity), added)
        index = arrays["obs"][:, 0].round().astype(int)
        strays = sorted(set(index.tolist()) - set(kept))
        if strays:
            fail(
                f"{call} returned transition {strays[0]}: only transitions {kept[0]} to "
                f"{kept[-1]} are stored (the oldest are overwritten; rows never written are "
                "not transitions).",
            )
        expect(
            set(index.tolist()) == set(kept),
            f"{call} never returned some of the stored transitions {kept[0]} to {kept[-1]}: "
            "draw rows among all the stored ones.",
        )
        for row, i in enumerate(index.tolist()):
            obs, action, reward, next_obs, terminated = _transition(i)
            got = (arrays[name][row] for name in FIELDS)
            same = [
                np.allclose(value, wanted)
                for value, wanted in zip(
                    got, (obs, action, reward, next_obs, float(terminated)), strict=True
                )
            ]
            if not all(same):
                wrong = [name for name, ok in zip(FIELDS, same, strict=True) if not ok]
                fail(
                    f"{call}: row {row} starts like transition {i} (obs[0] = {i}), but its "
                    f"{', '.join(wrong)} are not that transition's: the five fields of a row "
                    "must come from the same stored transition.",
                )
    expect_raises(
        ValueError,
        module.ReplayBuffer(4, 3).sample,
        2,
        call="ReplayBuffer(4, 3).sample(2) with nothing stored",
        mentions_any=("empty", "no transition", "nothing"),
        problem="an empty buffer",
    )
    expect_raises(
        ValueError,
        module.ReplayBuffer,
        0,
        3,
        call="ReplayBuffer(0, 3)",
        mentions=("capacity",),
        problem="a capacity below 1",
    )


def _chi_square_p(counts: Any) -> float:
    from scipy.stats import chisquare

    return float(chisquare(counts).pvalue)


@check("ReplayBuffer.sample draws uniformly among the stored transitions, seeded",
       hint="buffer")  # fmt: skip
def buffer_samples_uniformly(ctx: Context) -> None:
    module = _module(ctx, "ReplayBuffer")
    for capacity, added in ((50, 120), (100, 30)):
        buffer = _stored_rows(module, capacity, added, seed=3)
        kept = np.arange(max(0, added - capacity), added)
        draws = [buffer.sample(50).obs[:, 0].numpy() for _ in range(UNIFORM_DRAWS // 50)]
        index = np.concatenate(draws).round().astype(int)
        expect(
            bool(np.isin(index, kept).all()),
            f"ReplayBuffer({capacity}, 3) after {added} transitions sampled rows that are not "
            "stored transitions: make the buffer-keeps check pass first.",
        )
        counts = np.bincount(index - kept[0], minlength=len(kept))
        p = _chi_square_p(counts)
        expect(
            p >= UNIFORM_P,
            f"ReplayBuffer({capacity}, 3) after {added} transitions: {UNIFORM_DRAWS:,} draws "
            f"are not uniform over the {len(kept)} stored transitions (each drawn from "
            f"{counts.min()} to {counts.max()} times, {UNIFORM_DRAWS // len(kept)} expected; "
            f"chi-square p = {p:.2g} < {UNIFORM_P:g}): every stored transition must be equally "
            "likely, old or new.",
        )
    first, again, other = (
        _stored_rows(module, 20, 20, seed=seed).sample(30).obs[:, 0].tolist() for seed in (0, 0, 1)
    )
    expect(
        first == again,
        "Two ReplayBuffers with seed=0 and the same transitions sampled different rows: draw "
        "with a generator seeded from `seed` (np.random.default_rng(seed)).",
    )
    expect(
        other != first,
        "ReplayBuffers with seed=0 and seed=1 sampled the same rows: take the seed argument.",
    )
    default = module.ReplayBuffer(20, 3)
    for i in range(20):
        default.add(*_transition(i))
    expect(
        default.sample(30).obs[:, 0].tolist() == first,
        "ReplayBuffer(20, 3) without a seed sampled other rows than with seed=0: the seed "
        "defaults to 0.",
    )


# --- the networks -----------------------------------------------------------------------------


def _small_net(seed: int, obs_dim: int = 4, n_actions: int = 2) -> Any:
    """The check's own Q-network (any nn.Module must do)."""
    torch = _torch()
    torch.manual_seed(seed)
    return torch.nn.Sequential(
        torch.nn.Linear(obs_dim, 8), torch.nn.Tanh(), torch.nn.Linear(8, n_actions)
    )


@check("make_q_network maps observations to one Q-value per action", hint="networks")
def q_network(ctx: Context) -> None:
    module = _module(ctx, "make_q_network")
    torch = _torch()
    for obs_dim, n_actions, hidden in ((4, 2, 16), (6, 3, 10)):
        call = f"make_q_network({obs_dim}, {n_actions}, hidden={hidden})"
        net = module.make_q_network(obs_dim, n_actions, hidden=hidden)
        expect(isinstance(net, torch.nn.Module), f"{call} returned {type(net).__name__}, "
               "expected an nn.Module.")  # fmt: skip
        for rows in (7, 1):
            out = net(torch.randn(rows, obs_dim))
            expect(
                isinstance(out, torch.Tensor) and tuple(out.shape) == (rows, n_actions),
                f"{call} on a batch of shape ({rows}, {obs_dim}) returned shape "
                f"{tuple(getattr(out, 'shape', ()))}, expected ({rows}, {n_actions}): one "
                "Q-value per action for each observation.",
            )
        count = sum(p.numel() for p in net.parameters())
        wanted = (obs_dim + 1) * hidden + (hidden + 1) * hidden + (hidden + 1) * n_actions
        expect_equal(
            count,
            wanted,
            call=f"the number of parameters of {call}",
            note="Two hidden layers of `hidden` units: Linear(obs_dim, hidden), ReLU, "
            "Linear(hidden, hidden), ReLU, Linear(hidden, n_actions).",
        )
        x = torch.linspace(-3, 3, 10 * obs_dim).reshape(10, obs_dim)
        with torch.no_grad():
            doubled, single = net(2 * x), net(x)
        expect(
            not torch.allclose(doubled - doubled[:1], 2 * (single - single[:1]), atol=1e-5),
            f"{call} is linear in its input (f(2x) - f(2y) = 2 (f(x) - f(y))): put a ReLU "
            "after each hidden layer.",
        )
        torch.manual_seed(NEGATIVE_SEED)
        fresh = module.make_q_network(obs_dim, n_actions, hidden=hidden)
        with torch.no_grad():
            lowest = float(fresh(torch.randn(200, obs_dim) * 3).min())
        expect(
            lowest < 0,
            f"{call} gave no negative Q-value for 200 random observations: Q-values can be "
            "any number, so the last layer is linear, with no ReLU after it.",
        )
    count = sum(p.numel() for p in module.make_q_network(4, 2).parameters())
    expect_equal(
        count,
        5 * DEFAULT_HIDDEN + (DEFAULT_HIDDEN + 1) * DEFAULT_HIDDEN + (DEFAULT_HIDDEN + 1) * 2,
        call="the number of parameters of make_q_network(4, 2)",
        note=f"hidden defaults to {DEFAULT_HIDDEN}.",
    )


@check("make_target copies the online network; sync_target copies or blends weights",
       hint="target")  # fmt: skip
def target_network(ctx: Context) -> None:
    module = _module(ctx, "make_target", "sync_target")
    torch = _torch()
    online = _small_net(1)
    x = torch.randn(5, 4)
    target = module.make_target(online)
    expect(target is not online, "make_target(online) returned online itself: return a copy.")
    with torch.no_grad():
        expect_close(
            target(x).numpy(), online(x).numpy(), what="make_target(online)(x)", rtol=0, atol=0
        )
        before = [p.detach().clone() for p in target.parameters()]
        for p in online.parameters():
            p.add_(1.0)
    after = [p.detach() for p in target.parameters()]
    expect(
        len(before) == len(after)
        and all(torch.equal(a, b) for a, b in zip(before, after, strict=True)),
        "Changing the online network's weights changed the target made by make_target: the "
        "target needs weights of its own (copy.deepcopy), not the same tensors.",
    )
    module.sync_target(target, online)
    for name, (kept, new) in enumerate(zip(target.parameters(), online.parameters(), strict=True)):
        expect(
            torch.equal(kept, new),
            f"sync_target(target, online) left parameter {name} of the target different "
            "from the online network's: with tau=1 (the default) it copies them.",
        )
    old = [p.detach().clone() for p in target.parameters()]
    with torch.no_grad():
        for p in online.parameters():
            p.mul_(-0.5).add_(0.3)
    fresh = [p.detach().clone() for p in online.parameters()]
    module.sync_target(target, online, tau=0.25)
    for i, (kept, new, was) in enumerate(zip(target.parameters(), fresh, old, strict=True)):
        expect_close(
            kept.detach().numpy(),
            (0.25 * new + 0.75 * was).numpy(),
            what=f"parameter {i} of the target after sync_target(target, online, tau=0.25)",
            rtol=1e-6,
            atol=1e-7,
            note="A soft update: target <- tau * online + (1 - tau) * target.",
        )
    for i, (now, was) in enumerate(zip(online.parameters(), fresh, strict=True)):
        expect(
            torch.equal(now.detach(), was),
            f"sync_target changed parameter {i} of the online network: only the target moves.",
        )
    for tau in (0.0, 1.5):
        expect_raises(
            ValueError,
            module.sync_target,
            target,
            online,
            tau=tau,
            call=f"sync_target(target, online, tau={tau})",
            mentions=("tau",),
            problem="tau outside (0, 1]",
        )


# --- exploration ------------------------------------------------------------------------------


@check("epsilon_at falls in a straight line from start to end, then stays", hint="exploration")
def epsilon_schedule(ctx: Context) -> None:
    module = _module(ctx, "epsilon_at")
    cases = ((1.0, 0.05, 1000), (0.5, 0.1, 10), (0.8, 0.2, 1))
    for start, end, decay in cases:
        for step in (0, 1, decay // 4, decay // 2, decay - 1, decay, decay + 1, 50 * decay):
            expected = start + min(step / decay, 1.0) * (end - start)
            expect_close(
                module.epsilon_at(step, start, end, decay),
                expected,
                what=f"epsilon_at({step}, start={start}, end={end}, decay_steps={decay})",
                rtol=1e-9,
                atol=1e-12,
                note="start + min(step / decay_steps, 1) * (end - start): end from decay_steps on.",
            )
    expect_raises(
        ValueError,
        module.epsilon_at,
        5,
        1.0,
        0.1,
        0,
        call="epsilon_at(5, 1.0, 0.1, decay_steps=0)",
        mentions=("decay",),
        problem="decay_steps below 1",
    )


def _fixed_q(values: Sequence[float]) -> Any:
    """A network whose Q-values are `values` for every observation of 4 numbers."""
    torch = _torch()
    net = torch.nn.Linear(4, len(values))
    with torch.no_grad():
        net.weight.zero_()
        net.bias.copy_(torch.tensor(values))
    return net


def _sign_q() -> Any:
    """A network whose greedy action is 0 when obs[0] > 0, else 1 (of 2)."""
    torch = _torch()
    net = torch.nn.Linear(4, 2)
    with torch.no_grad():
        net.weight.zero_()
        net.weight[0, 0], net.weight[1, 0] = 1.0, -1.0
        net.bias.zero_()
    return net


def _actions(module: ModuleType, net: Any, epsilon: float, seed: int, n: int) -> list[Any]:
    rng = np.random.default_rng(seed)
    obs = np.random.default_rng(seed + 100).normal(size=(n, 4)).astype(np.float32)
    return [module.select_action(net, o, epsilon, rng) for o in obs]


@check("select_action is epsilon-greedy: random with probability epsilon, else greedy",
       hint="exploration")  # fmt: skip
def epsilon_greedy(ctx: Context) -> None:
    module = _module(ctx, "select_action")
    obs = np.random.default_rng(5).normal(size=(200, 4)).astype(np.float32)
    rng = np.random.default_rng(6)
    net = _sign_q()
    for o in obs:
        action = module.select_action(net, o, 0.0, rng)
        expect(
            isinstance(action, int | np.integer) and not isinstance(action, bool),
            f"select_action returned {type(action).__name__} {action!r}, expected an int "
            "(int(q.argmax()) or int(rng.integers(n))).",
        )
        greedy = 0 if o[0] > 0 else 1
        if int(action) != greedy:
            fail(
                f"select_action(net, obs, epsilon=0.0, rng) chose action {action} where the "
                f"Q-values {net(_torch().from_numpy(o)).tolist()} make {greedy} the greedy "
                "one: with epsilon 0, always the action of the highest Q-value.",
            )
    net = _fixed_q([0.1, 0.5, 0.2])
    for epsilon in (1.0, 0.3):
        actions = np.array(_actions(module, net, epsilon, 7, ACTIONS_DRAWN), dtype=int)
        expect(
            bool(np.isin(actions, (0, 1, 2)).all()),
            f"select_action with 3 actions returned {sorted(set(actions.tolist()))}: "
            "actions are 0, 1 and 2.",
        )
        share = float(np.mean(actions == 1))
        expected = 1 - epsilon + epsilon / 3
        spread = SHARE_SIGMAS * math.sqrt(expected * (1 - expected) / ACTIONS_DRAWN)
        expect(
            abs(share - expected) <= spread,
            f"select_action with epsilon={epsilon} and 3 actions chose the greedy one in "
            f"{share:.3f} of {ACTIONS_DRAWN:,} calls, expected {expected:.3f} +- {spread:.3f}: "
            "with probability epsilon, a random action among ALL actions (the greedy one "
            "included), else the greedy one.",
        )
        others = np.bincount(actions[actions != 1], minlength=3)[[0, 2]]
        expect(
            abs(int(others[0]) - int(others[1])) <= SHARE_SIGMAS * math.sqrt(others.sum()),
            f"select_action with epsilon={epsilon} chose actions 0 and 2 {others[0]} and "
            f"{others[1]} times: a random action is uniform over the actions.",
        )
    again = _actions(module, net, 0.5, 8, 200)
    expect(
        _actions(module, net, 0.5, 8, 200) == again,
        "select_action gave other actions with a generator seeded alike: draw with the rng "
        "it is given (rng.random(), rng.integers()), not with random or np.random.",
    )


# --- the targets and the loss -------------------------------------------------------------


def _target_case() -> dict[str, Any]:
    torch = _torch()
    generator = torch.Generator().manual_seed(9)
    next_q_online = torch.randn(6, 3, generator=generator)
    next_q_target = torch.randn(6, 3, generator=generator)
    return {
        "rewards": torch.tensor([1.0, 1.0, 0.5, 2.0, -1.0, 0.0]),
        "terminated": torch.tensor([0.0, 1.0, 0.0, 1.0, 0.0, 0.0]),
        "next_q_online": next_q_online,
        "next_q_target": next_q_target,
    }


@check("dqn_targets is r + gamma * max Q_target(s'), r alone where s' is terminal",
       hint="targets")  # fmt: skip
def dqn_target_values(ctx: Context) -> None:
    module = _module(ctx, "dqn_targets")
    case = _target_case()
    for gamma in (0.9, 0.5):
        given = {k: case[k].clone() for k in ("rewards", "terminated", "next_q_target")}
        result = module.dqn_targets(**given, gamma=gamma)
        expected = (
            case["rewards"] + gamma * (1 - case["terminated"]) * case["next_q_target"].max(1).values
        )
        expect_close(
            result.detach().numpy(),
            expected.numpy(),
            what=f"dqn_targets(rewards, terminated, next_q_target (6, 3), gamma={gamma})",
            rtol=1e-6,
            atol=1e-6,
            note="r + gamma * (1 - terminated) * next_q_target.max(dim=1).values.",
        )
        for key, value in given.items():
            expect(bool((value == case[key]).all()), f"dqn_targets changed its {key} input.")


@check("double_dqn_targets lets the online network choose and the target network value",
       hint="targets")  # fmt: skip
def double_dqn_target_values(ctx: Context) -> None:
    module = _module(ctx, "double_dqn_targets")
    case = _target_case()
    chosen = case["next_q_online"].argmax(1)
    assert bool((chosen != case["next_q_target"].argmax(1)).any())  # the case tells them apart
    for gamma in (0.9, 0.5):
        given = {k: v.clone() for k, v in case.items()}
        result = module.double_dqn_targets(**given, gamma=gamma)
        value = case["next_q_target"].gather(1, chosen[:, None]).squeeze(1)
        expected = case["rewards"] + gamma * (1 - case["terminated"]) * value
        expect_close(
            result.detach().numpy(),
            expected.numpy(),
            what=f"double_dqn_targets(rewards, terminated, next_q_online, next_q_target, "
            f"gamma={gamma})",
            rtol=1e-6,
            atol=1e-6,
            note="The action is argmax of next_q_online; its value is read from "
            "next_q_target: r + gamma * (1 - terminated) * next_q_target[row, that action]. "
            "(The max of next_q_target is plain DQN's target.)",
        )
        for key, value in given.items():
            expect(bool((value == case[key]).all()), f"double_dqn_targets changed its {key} input.")


class _Batch(NamedTuple):
    obs: Any
    actions: Any
    rewards: Any
    next_obs: Any
    terminated: Any


def _loss_case() -> tuple[Any, Any, _Batch]:
    """The check's online and target networks (different weights) and a batch of 8."""
    torch = _torch()
    online, target = _small_net(11), _small_net(12)
    generator = torch.Generator().manual_seed(13)
    batch = _Batch(
        torch.randn(8, 4, generator=generator),
        torch.tensor([0, 1, 1, 0, 1, 0, 0, 1]),
        torch.tensor([5.0, -3.0, 0.2, 1.0, 0.0, 2.5, -0.1, 1.0]),
        torch.randn(8, 4, generator=generator),
        torch.tensor([0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0]),
    )
    return online, target, batch


def _reference_loss(online: Any, target: Any, batch: _Batch, gamma: float, double: bool) -> Any:
    torch = _torch()
    with torch.no_grad():
        next_target = target(batch.next_obs)
        if double:
            chosen = online(batch.next_obs).argmax(1, keepdim=True)
            value = next_target.gather(1, chosen).squeeze(1)
        else:
            value = next_target.max(1).values
        goal = batch.rewards + gamma * (1 - batch.terminated) * value
    taken = online(batch.obs).gather(1, batch.actions[:, None]).squeeze(1)
    error = (taken - goal).abs()
    return torch.where(error < 1, 0.5 * error**2, error - 0.5).mean()


@check("td_loss is the Huber loss to the (double) DQN target; only the online net learns",
       hint="loss")  # fmt: skip
def td_loss_matches(ctx: Context) -> None:
    module = _module(ctx, "td_loss")
    torch = _torch()
    online, target, batch = _loss_case()
    gamma = 0.9
    values = {}
    for double in (False, True):
        call = f"td_loss(online, target, batch of 8, gamma={gamma}, double={double})"
        reference = _small_net(11)
        expected = _reference_loss(reference, target, batch, gamma, double)
        expected.backward()
        online.zero_grad(set_to_none=True)
        loss = module.td_loss(online, target, batch, gamma, double=double)
        expect(
            isinstance(loss, torch.Tensor) and loss.dim() == 0,
            f"{call} returned {type(loss).__name__} of shape "
            f"{tuple(getattr(loss, 'shape', ()))}, expected a scalar tensor (the batch mean).",
        )
        values[double] = float(loss.detach())
        expect_close(
            float(loss.detach()),
            float(expected.detach()),
            what=call,
            rtol=1e-5,
            atol=1e-6,
            note="The mean over the batch of the Huber loss (F.smooth_l1_loss, beta 1) between "
            "Q_online(s, a) for the action taken and the target, "
            + ("double DQN's." if double else "plain DQN's (max of Q_target(s')).")
            + " The errors here reach past 1, where Huber is linear, not squared.",
        )
        loss.backward()
        for i, (mine, wanted) in enumerate(
            zip(online.parameters(), reference.parameters(), strict=True)
        ):
            grad = mine.grad
            expect(
                grad is not None,
                f"{call}.backward() gave parameter {i} of the online network no gradient: "
                "the loss must be computed from online(batch.obs).",
            )
            expect_close(
                grad.numpy(),
                wanted.grad.numpy(),
                what=f"the gradient of {call} for parameter {i} of the online network",
                rtol=1e-4,
                atol=1e-6,
                note="The gradient of the mean Huber loss with respect to Q_online(s, a) "
                "alone: the target is a constant (computed under torch.no_grad(), or "
                "detached).",
            )
        reached = [
            i
            for i, p in enumerate(target.parameters())
            if p.grad is not None and bool(p.grad.abs().sum() > 0)
        ]
        expect(not reached, f"{call}.backward() reached the target network: it never learns.")
    expect(
        values[True] != values[False],
        "td_loss gave the same loss with double=True and double=False on a batch where the "
        "two targets differ: take the double argument.",
    )
    online.zero_grad(set_to_none=True)
    expect_close(
        float(module.td_loss(online, target, batch, gamma).detach()),
        values[True],
        what=f"td_loss(online, target, batch, gamma={gamma}) without `double`",
        rtol=1e-6,
        atol=1e-7,
        note="double defaults to True.",
    )


# --- greedy evaluation --------------------------------------------------------------------


def _controller(gain_theta: float, gain_omega: float) -> Any:
    """A Q-network that pushes right when gain_theta * angle + gain_omega * angular velocity
    is positive: a linear controller of the pole."""
    torch = _torch()
    net = torch.nn.Linear(4, 2)
    with torch.no_grad():
        net.weight.zero_()
        net.weight[1, 2], net.weight[1, 3] = gain_theta, gain_omega
        net.bias.zero_()
    return net


def _rollout(net: Any, seed: int, max_steps: int | None = None) -> float:
    """One greedy episode of CartPole, played here step by step."""
    torch = _torch()
    env = _gym().make(ENV_ID, max_episode_steps=max_steps)
    obs, _ = env.reset(seed=seed)
    total, done = 0.0, False
    while not done:
        with torch.no_grad():
            action = int(net(torch.as_tensor(obs, dtype=torch.float32)).argmax())
        obs, reward, terminated, truncated, _ = env.step(action)
        total += float(reward)
        done = terminated or truncated
    return total


@check("evaluate plays one greedy episode per seed and returns their returns", hint="evaluate")
def evaluate_greedy(ctx: Context) -> None:
    module = _module(ctx, "evaluate")
    seeds = [3, 5, 8, 13]
    for net, limit, label in (
        (_controller(1.0, 0.0), None, "a controller that watches the angle only"),
        (_controller(1.0, 0.5), 60, "a good controller, episodes cut at 60 steps"),
    ):
        env = recorded(_gym().make(ENV_ID, max_episode_steps=limit))
        result = module.evaluate(net, env, list(seeds))
        expected = [_rollout(net, seed, limit) for seed in seeds]
        expect(
            isinstance(result, list | tuple) and len(result) == len(seeds),
            f"evaluate(net, env, seeds={seeds}) returned {type(result).__name__} "
            f"{result!r:.80}, expected a list of {len(seeds)} returns, one per seed.",
        )
        expect_equal(
            env.reset_seeds,
            seeds,
            call=f"the seeds evaluate passed to env.reset, with {label}",
            note="One reset per episode, with its seed.",
        )
        expect_close(
            [float(r) for r in result],
            expected,
            what=f"evaluate(net, env, seeds={seeds}) with {label}",
            rtol=0,
            atol=1e-9,
            note="Each episode: env.reset(seed=seed), then the greedy action (argmax of the "
            "Q-values) until terminated or truncated; the return is the sum of the rewards.",
        )


# --- training: a short run on recorded environments --------------------------------------


@cache
def _recorded_class() -> type:
    gym = _gym()

    class RecordedEnv(gym.Wrapper):  # type: ignore[name-defined]
        """The environment with every reset and step recorded (transitions when asked)."""

        def __init__(self, env: Any, keep: bool = True) -> None:
            super().__init__(env)
            self.keep = keep
            self.steps = 0
            self.reset_seeds: list[int | None] = []
            self.transitions: list[tuple[Any, int, float, Any, bool, bool]] = []
            self.returns: list[float] = []  # of the episodes that ended
            self.ends: list[int] = []  # the step each one ended at
            self._obs: Any = None
            self._return = 0.0

        def reset(self, *, seed: int | None = None, options: Any = None) -> Any:
            self.reset_seeds.append(seed)
            self._return = 0.0
            obs, info = self.env.reset(seed=seed, options=options)
            self._obs = np.array(obs, copy=True)
            return obs, info

        def step(self, action: Any) -> Any:
            obs, reward, terminated, truncated, info = self.env.step(action)
            self.steps += 1
            self._return += float(reward)
            if self.keep:
                self.transitions.append(
                    (self._obs, int(action), float(reward), np.array(obs, copy=True),
                     bool(terminated), bool(truncated))
                )  # fmt: skip
            self._obs = np.array(obs, copy=True)
            if terminated or truncated:
                self.returns.append(self._return)
                self.ends.append(self.steps)
            return obs, reward, terminated, truncated, info

    return RecordedEnv


def recorded(env: Any, keep: bool = True) -> Any:
    """`env` wrapped so that its resets and steps are recorded."""
    return _recorded_class()(env, keep)


def _config(module: ModuleType, **changes: Any) -> Any:
    """The learner's Config with `changes`."""
    config_class: Any = getattr(module, "Config", None)
    if not (isinstance(config_class, type) and dataclasses.is_dataclass(config_class)):
        fail(f"{MODULE}.py defines no dataclass Config: keep the starter's.")
    try:
        return dataclasses.replace(config_class(), **changes)
    except TypeError as exc:
        fail(f"Config() does not take the starter's fields ({exc}): keep them.")


class ShortRun(NamedTuple):
    result: Any
    env: Any
    eval_env: Any
    added: list[tuple[Any, ...]]  # what train passed to ReplayBuffer.add
    heard: list[tuple[Any, ...]]  # what train passed to on_evaluation
    config: Any


def _spy_buffer(module: ModuleType, added: list[tuple[Any, ...]]) -> Callable[[], None]:
    """Replace the module's ReplayBuffer by a subclass that records each add(); returns the
    function that puts the original back."""
    original = module.ReplayBuffer
    signature = inspect.signature(original.add)

    class Spy(original):  # type: ignore[misc,valid-type]
        def add(self, *args: Any, **kwargs: Any) -> Any:
            bound = signature.bind(self, *args, **kwargs)
            bound.apply_defaults()
            values = list(bound.arguments.values())[1:6]
            added.append(tuple(np.array(v, copy=True) for v in values))
            return super().add(*args, **kwargs)

    setattr(module, "ReplayBuffer", Spy)  # noqa: B010 (a module's attribute, replaced)

    def restore() -> None:
        setattr(module, "ReplayBuffer", original)  # noqa: B010

    return restore


def _short_run(ctx: Context, key: str = "first", **changes: Any) -> ShortRun:
    """`train` with the SHORT settings and `changes` on CartPole cut at TIME_LIMIT steps,
    recorded; once per key ("first"; "again" runs after other draws of the global
    generators)."""
    module = _module(ctx, "train", "Config", "ReplayBuffer")

    def compute() -> ShortRun:
        gym = _gym()
        config = _config(module, **{**SHORT, "seed": 0, **changes})
        if key == "again":  # a learner who never seeds gets other weights
            _torch().rand(17)
            np.random.rand(17)
        env = recorded(gym.make(ENV_ID, max_episode_steps=TIME_LIMIT))
        eval_env = recorded(gym.make(ENV_ID, max_episode_steps=TIME_LIMIT))
        added: list[tuple[Any, ...]] = []
        heard: list[tuple[Any, ...]] = []
        restore = _spy_buffer(module, added)
        try:
            result = module.train(env, eval_env, config, on_evaluation=lambda *a: heard.append(a))
        finally:
            restore()
        for name in ("q_network", "episode_returns", "episode_ends", "evaluations", "steps"):
            if not hasattr(result, name):
                fail(f"train returned {type(result).__name__} without {name}: return a "
                     "TrainResult.")  # fmt: skip
        return ShortRun(result, env, eval_env, added, heard, config)

    return once(ctx, f"short run {key}", compute)


@check("train takes its steps on the env it is given and stores each real transition",
       hint="train")  # fmt: skip
def train_stores_transitions(ctx: Context) -> None:
    run = _short_run(ctx)
    torch = _torch()
    total = SHORT["total_steps"]
    expect(
        run.env.steps == total,
        f"train(env, eval_env, Config(total_steps={total}, ...)) took {run.env.steps} steps "
        f"of env, expected {total}: one env.step per training step, on the env it is given "
        "(solved_mean is infinite here: no evaluation stops the run).",
    )
    expect_equal(run.result.steps, total, call=f"train(..., Config(total_steps={total})).steps")
    expect(
        bool(run.env.reset_seeds) and run.env.reset_seeds[0] == run.config.seed,
        f"train's first env.reset got seed={run.env.reset_seeds[:1]}, expected "
        f"seed={run.config.seed} (config.seed): the first episode must be seeded.",
    )
    expect(
        len(run.added) == total,
        f"train called ReplayBuffer.add {len(run.added)} times in {total} steps, expected "
        "once per step of env, through the module's ReplayBuffer (evaluation episodes are "
        "not stored).",
    )
    for step, (stored, real) in enumerate(zip(run.added, run.env.transitions, strict=True), 1):
        obs, action, reward, next_obs, terminated, truncated = real
        kept = stored
        same = (
            np.allclose(kept[0], obs, atol=1e-6),
            int(kept[1]) == action,
            math.isclose(float(kept[2]), reward),
            np.allclose(kept[3], next_obs, atol=1e-6),
            bool(kept[4]) == terminated,
        )
        if not all(same):
            if same[:4] == (True,) * 4 and truncated:
                fail(
                    f"At step {step} the episode hit the time limit (truncated, the pole "
                    f"still up) and train stored terminated={bool(kept[4])}: store "
                    "`terminated` alone, so that the value of the next state still counts.",
                )
            wrong = [name for name, ok in zip(FIELDS, same, strict=True) if not ok]
            fail(
                f"The transition train stored at step {step} differs from the one env "
                f"produced in its {', '.join(wrong)}: store (obs, action, reward, next_obs, "
                "terminated) of each step, next_obs being what env.step returned.",
            )
    with torch.no_grad():
        out = run.result.q_network(torch.zeros(3, 4))
    expect(
        isinstance(out, torch.Tensor) and tuple(out.shape) == (3, 2),
        f"train's q_network maps a batch (3, 4) to shape {tuple(getattr(out, 'shape', ()))}, "
        "expected (3, 2).",
    )


@check("train reports the episodes and the evaluations that really happened", hint="train")
def train_reports_its_run(ctx: Context) -> None:
    run = _short_run(ctx)
    result, config = run.result, run.config
    expect_close(
        [float(r) for r in result.episode_returns],
        run.env.returns,
        what="train(...).episode_returns (the training episodes that ended)",
        rtol=0,
        atol=1e-9,
        note="The sum of the rewards of each training episode, in order, the episodes cut "
        f"by the time limit ({TIME_LIMIT} steps here) included.",
    )
    expect_equal(
        [int(end) for end in result.episode_ends],
        run.env.ends,
        call="train(...).episode_ends",
        note="The training step at which each episode ended (1 for the first step).",
    )
    steps = list(range(config.eval_every, config.total_steps + 1, config.eval_every))
    reported = [(int(step), float(mean)) for step, mean in result.evaluations]
    expect_equal(
        [step for step, _ in reported],
        steps,
        call=f"the steps of train(...).evaluations (eval_every={config.eval_every})",
        note="An evaluation at every step that is a multiple of eval_every.",
    )
    played = run.eval_env.returns
    n = config.eval_episodes
    expect(
        len(played) == n * len(steps),
        f"train played {len(played)} episodes of eval_env, expected {n} per evaluation "
        f"(eval_episodes={n}) at {len(steps)} evaluations.",
    )
    means = [float(np.mean(played[i * n : (i + 1) * n])) for i in range(len(steps))]
    expect_close(
        [mean for _, mean in reported],
        means,
        what="the means of train(...).evaluations",
        rtol=0,
        atol=1e-9,
        note="Each is the mean return of that evaluation's eval_episodes greedy episodes of "
        "eval_env.",
    )
    heard = [tuple(float(x) for x in call) for call in run.heard]
    expect(
        heard == [(float(step), mean) for step, mean in reported],
        f"train called on_evaluation with {short(heard)}, expected one call (step, mean) per "
        f"evaluation: {short(reported)}.",
    )
    best = max(means)
    replayed = []
    for i in (i for i, mean in enumerate(means) if mean == best):
        seeds = run.eval_env.reset_seeds[i * n : (i + 1) * n]
        if any(seed is None for seed in seeds):
            fail(
                f"train's evaluation {i + 1} reset eval_env without a seed ({seeds}): play "
                "each evaluation episode from a seed (the same seeds each time), so that "
                "evaluations compare the networks on the same episodes.",
            )
        replay = float(np.mean([_rollout(result.q_network, s, TIME_LIMIT) for s in seeds]))
        replayed.append(replay)
        if replay == best:
            return
    fail(
        f"train returned a network whose greedy mean on the seeds of its best evaluation is "
        f"{replayed[0]:g}, not that evaluation's {best:g}: keep the weights of the best "
        "evaluation so far (copy.deepcopy(online.state_dict())) and load them back at the end.",
    )


def _weights(model: Any) -> Any:
    """Every parameter of `model`, flattened into one float64 vector."""
    return np.concatenate([p.detach().double().numpy().ravel() for p in model.parameters()])


@check("train is seeded: the same Config learns the same network, another seed another",
       hint="train")  # fmt: skip
def train_is_seeded(ctx: Context) -> None:
    first = _short_run(ctx)
    again = _short_run(ctx, "again")
    other = _short_run(ctx, "seed 1", seed=1)
    a, b = _weights(first.result.q_network), _weights(again.result.q_network)
    expect(
        a.shape == b.shape and bool(np.array_equal(a, b)),
        "Two runs of train with the same Config learnt different networks (after other draws "
        "of torch's and NumPy's global generators): seed torch (torch.manual_seed("
        "config.seed)), the exploration (np.random.default_rng(config.seed)), the buffer and "
        "the first env.reset from config.seed.",
    )
    expect(
        first.env.returns == again.env.returns,
        "Two runs of train with the same Config played different training episodes: seed "
        "the exploration generator and the first env.reset from config.seed.",
    )
    c = _weights(other.result.q_network)
    expect(
        a.shape != c.shape or not np.array_equal(a, c),
        "train learnt the same network with seed 0 and seed 1: take the seeds from config.seed.",
    )


@check("train follows its Config: learning rate, double, stopping at solved_mean",
       hint="train")  # fmt: skip
def train_follows_config(ctx: Context) -> None:
    first = _short_run(ctx)
    # Without evaluations, train returns its last network: the weights show what it learnt.
    free = _short_run(ctx, "no evaluation", eval_every=NEVER, double=True)
    still = _short_run(ctx, "lr 0", learning_rate=0.0, eval_every=NEVER)
    half = SHORT["total_steps"] // 2
    shorter = _short_run(ctx, "lr 0, half", learning_rate=0.0, total_steps=half, eval_every=NEVER)
    learnt, kept = _weights(free.result.q_network), _weights(still.result.q_network)
    expect(
        bool(np.array_equal(kept, _weights(shorter.result.q_network)))
        and not np.array_equal(learnt, kept),
        f"train with learning_rate=0.0 learnt other weights in {SHORT['total_steps']} steps "
        f"than in {half} (or the same as at the Config's learning rate): at a learning rate "
        "of 0 nothing is learnt, so the optimiser must take config.learning_rate "
        "(torch.optim.Adam(online.parameters(), lr=config.learning_rate)).",
    )
    idle = _short_run(ctx, "no learning", learning_starts=NEVER, eval_every=NEVER)
    expect(
        bool(np.array_equal(_weights(idle.result.q_network), kept)),
        f"train with learning_starts={NEVER:,} (beyond the run) changed the network's weights: "
        "no gradient step before learning_starts (its weights must stay as they started, as "
        "they do at a learning rate of 0).",
    )
    plain = _short_run(ctx, "plain", double=False, eval_every=NEVER)
    expect(
        not np.array_equal(learnt, _weights(plain.result.q_network)),
        "train learnt the same network with double=True and double=False: pass config.double "
        "to td_loss.",
    )
    if not first.result.evaluations:
        fail("train reported no evaluation in the short run: make train_reports_its_run pass.")
    step, mean = first.result.evaluations[0]
    stopped = _short_run(ctx, "stop", solved_mean=float(mean))
    expect(
        stopped.env.steps == int(step) and len(stopped.result.evaluations) == 1,
        f"train with solved_mean={float(mean):g} (the mean its first evaluation reaches, at "
        f"step {int(step)}) went on to step {stopped.env.steps}: stop once an evaluation's mean "
        "reaches solved_mean (mean >= solved_mean). (If train_is_seeded fails, fix it first: "
        "this check replays the same run.)",
    )


@check("train refuses an environment whose actions are not discrete", hint="train")
def train_rejects_continuous_actions(ctx: Context) -> None:
    module = _module(ctx, "train", "Config")
    gym = _gym()
    env = recorded(gym.make(CONTINUOUS_ENV_ID))
    expect_raises(
        ValueError,
        module.train,
        env,
        recorded(gym.make(CONTINUOUS_ENV_ID)),
        _config(module, **SHORT),
        call=f"train on {CONTINUOUS_ENV_ID} (actions: a Box of real numbers)",
        mentions_any=("discrete",),
        problem="actions that are not discrete",
    )
    expect(
        env.steps == 0,
        f"train stepped {CONTINUOUS_ENV_ID} {env.steps} times before refusing it: check the "
        "action space first.",
    )


# --- the bar ---------------------------------------------------------------------------------


def greedy_returns(q_network: Any, seeds: Sequence[int]) -> list[float]:
    """The return of one greedy episode of CartPole-v1 per seed, the episodes played side by
    side (one forward pass of the network per step for all that still run)."""
    torch, gym = _torch(), _gym()
    envs = [gym.make(ENV_ID) for _ in seeds]
    obs = np.stack([env.reset(seed=seed)[0] for env, seed in zip(envs, seeds, strict=True)])
    returns = np.zeros(len(seeds))
    running = np.ones(len(seeds), dtype=bool)
    while running.any():
        rows = np.flatnonzero(running)
        with torch.no_grad():
            q = q_network(torch.as_tensor(obs[rows], dtype=torch.float32))
        if not isinstance(q, torch.Tensor) or tuple(q.shape) != (len(rows), 2):
            fail(
                f"train's q_network maps a batch of {len(rows)} observations to "
                f"{tuple(getattr(q, 'shape', ()))}, expected ({len(rows)}, 2)."
            )
        actions = q.argmax(dim=1).tolist()
        for row, action in zip(rows, actions, strict=True):
            obs[row], reward, terminated, truncated, _ = envs[row].step(int(action))
            returns[row] += float(reward)
            running[row] = not (terminated or truncated)
    return returns.tolist()


@check("the greedy policy balances the pole: 100-episode mean at least the bar, within budget",
       hint="bar")  # fmt: skip
def greedy_mean_reaches_the_bar(ctx: Context) -> None:
    module = _module(ctx, "train", "Config")
    gym = _gym()
    config = _config(module)
    expect(
        config.total_steps <= BUDGET_STEPS,
        f"Config().total_steps is {config.total_steps:,}, over the budget of "
        f"{BUDGET_STEPS:,} training steps: solve CartPole within it.",
    )
    env = recorded(gym.make(ENV_ID), keep=False)
    eval_env = recorded(gym.make(ENV_ID), keep=False)
    result = module.train(env, eval_env, config)
    ctx.record("train_steps", env.steps)
    ctx.record("eval_steps", eval_env.steps)
    ctx.record("episodes", len(env.returns))
    expect(
        env.steps <= BUDGET_STEPS,
        f"train took {env.steps:,} steps of env, over the budget of {BUDGET_STEPS:,} (and "
        f"over its Config's total_steps of {config.total_steps:,}).",
    )
    returns = greedy_returns(result.q_network, BAR_SEEDS)
    ctx.record("greedy_min", min(returns))
    expect_bar(ctx, "greedy_mean", float(np.mean(returns)))
