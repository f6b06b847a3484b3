"""Checks of m08-rl-qlearning: tabular Q-learning and SARSA, judged against value iteration.

Every reference is computed here, independently of the learner's code: the epsilon schedules
from their formulas, epsilon-greedy's action probabilities (the learner's draws are counted),
the two updates on given tables, the optimal action values by policy iteration (exact linear
solves, not sweeps), and the greedy policies' returns exactly, by dynamic programming over the
time limit on the model `env.unwrapped.P`. The training checks hand the learner an environment
that records every step; the table the learner returns must be the replay of those very
steps through the update rule, and its random actions must follow the Config's schedule. The
bars train once each with the learner's own settings and compare the greedy policy's return
with the best any policy can reach within the same time limit.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import Any, NamedTuple

import numpy as np

from airoadmap.errors import GradingError
from airoadmap.grading.api import (
    CheckFailed,
    Context,
    check,
    expect,
    expect_bar,
    expect_close,
    expect_raises,
    fail,
    short,
)
from airoadmap.grading.kit.modelcheck import once

Array = np.ndarray[Any, np.dtype[np.float64]]
# env.unwrapped.P: state -> action -> [(probability, next state, reward, terminated), ...]
Model = dict[int, dict[int, list[tuple[float, int, float, bool]]]]

MODULE = "qlearning"
FROZEN_LAKE = "FrozenLake-v1"
TAXI = "Taxi-v4"
# The environments' own time limits (gymnasium's registrations), which the bars evaluate over.
FROZEN_LAKE_STEPS = 100
TAXI_STEPS = 200
BAR_SETTINGS = {
    "frozen_lake_q_learning": "FROZEN_LAKE_Q_LEARNING",
    "frozen_lake_sarsa": "FROZEN_LAKE_SARSA",
    "taxi_q_learning": "TAXI_Q_LEARNING",
}

# Two correct updates differ by rounding only (q + a(t - q) against (1 - a)q + a t).
RTOL = 1e-9
ATOL = 1e-12
# Value iteration stops when no value moves by more than its tol (1e-10 here): it is then
# within tol * gamma / (1 - gamma) of the exact values, 2e-9 at the largest gamma below.
VI_TOL = 1e-10
VI_ATOL = 1e-6
# Ties in a replayed table: values this close count as equally good.
TIE = 1e-9

# epsilon_greedy's draws: with n draws, each action's count must lie within Z standard
# deviations of n * p (on the row [0, 2, 1, 2] at epsilon 0.2, p is 0.05 or 0.45). A correct
# function fails with probability about 6e-7 per count. A tie always broken the same way moves
# a count by 0.4 * n = 4,000, about 80 standard deviations; exploring only the actions that
# are not best moves one by 0.05 * n = 500, more than 20.
DRAWS = 10_000
Z = 5.0
# The exploration check counts the actions of each phase of a training run (before and after
# decay_episodes) that were not greedy, and compares the count with the number the schedule
# predicts (the sum over the steps of epsilon times the share of non-greedy actions), within
# Z standard deviations: a correct run fails with probability about 6e-7 per count.


def _gym() -> ModuleType:
    """gymnasium (imported on first use)."""
    try:
        import gymnasium
    except ImportError as exc:
        raise GradingError(
            "m08-rl-qlearning's checks need gymnasium: pip install gymnasium"
        ) from exc
    return gymnasium


def _module(ctx: Context, *names: str) -> ModuleType:
    module = ctx.load(MODULE)
    for name in names:
        if getattr(module, name, None) is None:
            fail(f"{MODULE}.py defines no {name}: keep the names of the starter.")
    return module


def _make(env_id: str, **kwargs: Any) -> Any:
    """A fresh environment (FrozenLake is always the slippery one unless said otherwise)."""
    if env_id == FROZEN_LAKE:
        kwargs.setdefault("is_slippery", True)
    return _gym().make(env_id, **kwargs)


def _config(module: ModuleType, **settings: Any) -> Any:
    """The learner's Config with these settings."""
    try:
        return module.Config(**settings)
    except TypeError as exc:
        fail(
            f"Config({', '.join(f'{k}={v!r}' for k, v in settings.items())}) failed ({exc}): "
            "keep the fields of the starter's Config."
        )


def _valid(call: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """func(*args, **kwargs), whose arguments are valid: a ValueError fails the check."""
    try:
        return func(*args, **kwargs)
    except ValueError as exc:
        fail(f"{call} raised ValueError({short(str(exc))}): these arguments are valid.")


def _table(q: Any, shape: tuple[int, int], call: str) -> Array:
    expect(q is not None, f"{call} returned None: return the Q-table.")
    try:
        table = np.asarray(q, dtype=float)
    except (TypeError, ValueError):
        fail(f"{call} returned {type(q).__name__}: return the Q-table as a NumPy array.")
    expect(
        table.shape == shape,
        f"{call} returned a table of shape {table.shape}, expected {shape}: one row per state, "
        "one column per action.",
    )
    return table


# --- the references, computed here -------------------------------------------------------------


def _reference_linear(episode: int, start: float, end: float, decay: int) -> float:
    return end if episode >= decay else start + (end - start) * episode / decay


def _reference_exponential(episode: int, start: float, end: float, decay: int) -> float:
    return (
        end
        if episode >= decay
        else float(np.exp(np.log(start) + (np.log(end / start)) * episode / decay))
    )


def _reference_epsilon(config: dict[str, Any], episode: int) -> float:
    schedule = _reference_linear if config["schedule"] == "linear" else _reference_exponential
    return schedule(
        episode, config["epsilon_start"], config["epsilon_end"], config["decay_episodes"]
    )


@dataclass(frozen=True)
class Arrays:
    """A model as arrays: expected reward (S, A), probability of going on to each state
    without terminating (S, A, S), and the distribution of the first state."""

    reward: Array
    going_on: Array
    start: Array


def _arrays(model: Model, start: Array) -> Arrays:
    states, actions = len(model), len(model[0])
    reward = np.zeros((states, actions))
    going_on = np.zeros((states, actions, states))
    for s in range(states):
        for a in range(actions):
            for p, s2, r, terminated in model[s][a]:
                reward[s, a] += p * r
                if not terminated:
                    going_on[s, a, s2] += p
    return Arrays(reward, going_on, np.asarray(start, dtype=float))


@cache
def _env_arrays(env_id: str) -> Arrays:
    unwrapped = _make(env_id).unwrapped
    return _arrays(unwrapped.P, unwrapped.initial_state_distrib)


def _optimal_q(arrays: Arrays, gamma: float) -> Array:
    """Q* by policy iteration: each policy's values solved exactly, improved until stable."""
    states = len(arrays.reward)
    rows = np.arange(states)
    policy = np.argmax(arrays.reward, axis=1)
    while True:
        transition = arrays.going_on[rows, policy]
        values = np.linalg.solve(np.eye(states) - gamma * transition, arrays.reward[rows, policy])
        q: Array = arrays.reward + gamma * arrays.going_on @ values
        better = np.argmax(q, axis=1)
        # keep the current action where it is as good (to rounding): no cycling between ties
        keep = q[rows, policy] >= q[rows, better] - 1e-12
        improved = np.where(keep, policy, better)
        if np.array_equal(improved, policy):
            return q
        policy = improved


@cache
def _env_optimal_policy(env_id: str, gamma: float) -> tuple[int, ...]:
    return tuple(int(a) for a in np.argmax(_optimal_q(_env_arrays(env_id), gamma), axis=1))


@cache
def _env_best(env_id: str, horizon: int) -> float:
    """The best expected return within `horizon` steps of the environment."""
    return _finite_horizon(_env_arrays(env_id), horizon)


def _finite_horizon(arrays: Arrays, horizon: int, policy: Any = None) -> float:
    """The expected return from the first state within `horizon` steps: of `policy` (one
    action per state), or of the best policy (which may change with the steps left)."""
    rows = np.arange(len(arrays.reward))
    values = np.zeros(len(rows))
    for _ in range(horizon):
        q = arrays.reward + arrays.going_on @ values
        values = q.max(axis=1) if policy is None else q[rows, policy]
    return float(arrays.start @ values)


def _reference_evaluate(env: Any, policy: Sequence[int], episodes: int, seed: int) -> float:
    total = 0.0
    for i in range(episodes):
        state, _ = env.reset(seed=seed + i)
        done = False
        while not done:
            state, reward, terminated, truncated, _ = env.step(int(policy[state]))
            total += float(reward)
            done = terminated or truncated
    return total / episodes


# --- the recording environment -------------------------------------------------------------


class Step(NamedTuple):
    """One recorded step (a tuple: the recorder makes tens of thousands of them)."""

    state: int
    action: int
    reward: float
    next_state: int
    terminated: bool
    truncated: bool


@dataclass
class Record:
    """What the learner's code did with an environment: its episodes and reset seeds."""

    episodes: list[list[Step]] = field(default_factory=list)
    seeds: list[int | None] = field(default_factory=list)
    cut: int | None = None  # the first episode reset before it ended
    state: int = 0
    open: bool = False


def _own_seed(seed: int) -> int:
    """The seed the recording environment uses for the learner's `seed`: derived from it, but
    not equal to it (see `_recording`)."""
    return int(np.random.SeedSequence([seed, 8]).generate_state(1)[0])


def _recording(env: Any, record: Record, who: str, *, own_seeds: bool = False) -> Any:
    """`env` wrapped so that every reset and step lands in `record`; a step of an episode
    that has ended fails the check at once.

    own_seeds: reset the environment with a seed derived from the one the learner passes.
    Gymnasium seeds its generator exactly as np.random.default_rng does, so an agent whose
    generator and environment both get config.seed draws the very numbers that make the ice
    slip; the exploration check's count assumes the two are independent.
    """
    wrapper: Any = _gym().Wrapper

    class Recorder(wrapper):
        def reset(self, **kwargs: Any) -> Any:
            if record.open and record.episodes and record.episodes[-1] and record.cut is None:
                record.cut = len(record.episodes) - 1
            if record.episodes and not record.episodes[-1]:
                record.episodes.pop()  # a reset that took no step: not an episode
                record.seeds.pop()
            seed = kwargs.get("seed")
            if own_seeds and seed is not None:
                kwargs = kwargs | {"seed": _own_seed(int(seed))}
            state, info = self.env.reset(**kwargs)
            record.episodes.append([])
            record.seeds.append(seed)
            record.state, record.open = int(state), True
            return state, info

        def step(self, action: Any) -> Any:
            if not record.open:
                raise CheckFailed(
                    f"{who} called env.step() after the episode had ended (terminated or "
                    "truncated) without env.reset(): an episode ends at the first step that "
                    "says terminated or truncated."
                    if record.episodes
                    else f"{who} called env.step() before env.reset()."
                )
            state, reward, terminated, truncated, info = self.env.step(action)
            record.episodes[-1].append(
                Step(record.state, int(action), float(reward), int(state), bool(terminated),
                     bool(truncated))
            )  # fmt: skip
            record.state = int(state)
            record.open = not (terminated or truncated)
            return state, reward, terminated, truncated, info

    return Recorder(env)


# --- replaying a record through the update rules ----------------------------------------------


class UnknownNextAction(Exception):
    """SARSA's last update of an episode cut by the time limit used a next action that was
    drawn but never taken: the record cannot replay it."""


@dataclass
class Replay:
    """A record replayed: the table, and for each step whether its action was greedy."""

    q: Array
    episode: list[int] = field(default_factory=list)  # the episode of each step
    greedy: list[bool] = field(default_factory=list)
    best: list[int] = field(default_factory=list)  # how many actions were best at that step


def _best(row: Array) -> np.ndarray[Any, Any]:
    return np.flatnonzero(row >= row.max() - TIE * (1.0 + abs(row.max())))


def _note_greedy(
    replay: Replay, row: Array, step: Step, undo: tuple[int, int, float] | None
) -> None:
    """Whether the step's action was greedy, and how many actions count as greedy, given the
    table's row of the step's state.

    Q-learning's order chooses an action after the last update, SARSA's just before it: the
    best actions of either table count as greedy (they differ when the last update was of
    this very state).
    """
    best = set(_best(row).tolist())
    if undo is not None and undo[0] == step.state:
        earlier = row.copy()
        earlier[undo[1]] = undo[2]
        best |= set(_best(earlier).tolist())
    replay.greedy.append(step.action in best)
    replay.best.append(len(best))


def _replay(
    record: Record,
    shape: tuple[int, int],
    alpha: float,
    gamma: float,
    *,
    on_policy: bool,
    cut_ends: bool = False,
    greedy: bool = False,
) -> Replay:
    """The table the update rule makes of the recorded steps, in order, from zeros.

    With on_policy (SARSA) a step's target uses the action of the episode's next step.
    cut_ends replays a mistake (a time-limit cut taken as the end), to name it in a message.
    With `greedy`, the replay also notes whether each action was greedy, and how many actions
    count as greedy.
    """
    rows = [[0.0] * shape[1] for _ in range(shape[0])]  # lists: 5x faster than NumPy here
    replay = Replay(np.zeros(shape))
    for number, episode in enumerate(record.episodes):
        undo: tuple[int, int, float] | None = None  # the entry the last update changed
        for i, step in enumerate(episode):
            state, action, reward, next_state, terminated, truncated = step
            if greedy:
                _note_greedy(replay, np.array(rows[state]), step, undo)
                replay.episode.append(number)
            if terminated or (truncated and cut_ends):
                future = 0.0
            elif not on_policy:
                future = gamma * max(rows[next_state])
            elif i + 1 < len(episode):
                future = gamma * rows[next_state][episode[i + 1].action]
            else:
                raise UnknownNextAction(number)
            row = rows[state]
            undo = (state, action, row[action])
            row[action] += alpha * (reward + future - row[action])
    replay.q[:] = rows
    return replay


def _mismatch(q: Array, replay: Array) -> str:
    """Where a table differs most from the replay's."""
    gap = np.abs(q - replay)
    s, a = np.unravel_index(int(np.argmax(gap)), gap.shape)
    return (
        f"largest difference {gap[s, a]:.3g} at state {s}, action {a} (yours {q[s, a]:.6g}, "
        f"the replay's {replay[s, a]:.6g})"
    )


def _same(q: Array, replay: Array) -> bool:
    return bool(np.allclose(q, replay, rtol=RTOL, atol=ATOL))


def _expect_replay(
    q: Array,
    record: Record,
    config: dict[str, Any],
    *,
    on_policy: bool,
    call: str,
    greedy: bool = False,
) -> Replay | None:
    """The learner's table must be the replay of its own recorded episodes (None: a SARSA
    record with an episode cut by the time limit, which cannot be replayed)."""
    method = "sarsa" if on_policy else "q_learning"
    expect(
        record.cut is None,
        f"{call}: episode {record.cut} was reset before it ended: run each episode until a "
        "step says terminated or truncated.",
    )
    expect(
        len(record.episodes) == config["episodes"],
        f"{call} ran {len(record.episodes)} episodes, expected config.episodes = "
        f"{config['episodes']} (one env.reset() each, each run until terminated or truncated).",
    )
    expect(
        not record.open,
        f"{call} returned in the middle of its last episode: run it until terminated or truncated.",
    )
    shape = q.shape
    alpha, gamma = config["alpha"], config["gamma"]
    try:
        replay = _replay(record, shape, alpha, gamma, on_policy=on_policy, greedy=greedy)
    except UnknownNextAction:
        return None
    if _same(q, replay.q):
        return replay
    mistakes: list[tuple[str, Callable[[], Replay]]] = [
        (
            "treats a time-limit cut (truncated) as the end of the future; only a terminated "
            "step has no future: pass `terminated`, not `terminated or truncated`, to the "
            "update",
            lambda: _replay(record, shape, alpha, gamma, on_policy=on_policy, cut_ends=True),
        ),
        (
            "uses the best next action's value (Q-learning's target) where SARSA uses the "
            "value of the action it takes next"
            if on_policy
            else "uses the value of the next action taken (SARSA's target) where Q-learning "
            "uses the best next action's value",
            lambda: _replay(record, shape, alpha, gamma, on_policy=not on_policy),
        ),
    ]
    for words, make in mistakes:
        try:
            if _same(q, make().q):
                fail(
                    f"{call}: your table is not the {method} replay of your own "
                    f"{len(record.episodes)} episodes; it equals the replay that {words}."
                )
        except UnknownNextAction:
            continue
    fail(
        f"{call}: your table is not the replay of your own {len(record.episodes)} episodes "
        f"through {method}'s update from a table of zeros ({_mismatch(q, replay.q)}). Update "
        f"after every step with config.alpha and config.gamma, with your {method}_update."
    )


@dataclass(frozen=True)
class Run:
    """One recorded training run of the checks: the learner's table, its record, its replay."""

    call: str
    config: dict[str, Any]
    q: Array
    record: Record
    replay: Replay


def _run(ctx: Context, method: str, setting: Setting) -> Run:
    """Train the learner's `method` on a recording environment (once per grading run)."""
    env_id, limit, env_kwargs, config = setting
    seed = config["seed"]

    def train() -> Run:
        module = _module(ctx, method, "Config")
        record = Record()
        env = _make(env_id, max_episode_steps=limit, **env_kwargs)
        env = _recording(env, record, method, own_seeds=True)
        call = f"{method} on {env_id} (time limit {limit}, the checks' Config of seed {seed})"
        shape = (int(env.observation_space.n), int(env.action_space.n))
        q = _table(getattr(module, method)(env, _config(module, **config)), shape, call)
        replay = _expect_replay(
            q, record, config, on_policy=method == "sarsa", call=call, greedy=True
        )
        if replay is None:
            fail(
                f"{call}: an episode lasted {limit} steps. On FrozenLake an agent that learns "
                "falls into a hole or reaches the goal long before: check your update and "
                "your exploring."
            )
        return Run(call, config, q, record, replay)

    return once(ctx, f"{method}:{setting!r}", train)


def _settings(episodes: int, decay: int, seed: int, **changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "episodes": episodes,
        "alpha": 0.5,
        "gamma": 0.9,
        "epsilon_start": 1.0,
        "epsilon_end": 0.0,
        "decay_episodes": decay,
        "schedule": "linear",
        "seed": seed,
    }
    return base | changes


# (environment, time limit, its options, the Config's settings) of one training run.
Setting = tuple[str, int, dict[str, Any], dict[str, Any]]
# The runs of the replay and exploration checks. Slippery FrozenLake costs 0.05 a step on the
# ice and 1 in a hole, so that the values part from their ties at once (a greedy action is
# then one action, and exploring shows); short time limits make both kinds of ending happen
# (a hole or the goal: terminated; the limit: truncated).
ICE = {"is_slippery": True, "reward_schedule": (1.0, -1.0, -0.05)}
Q_RUNS: list[Setting] = [
    (FROZEN_LAKE, 8, ICE, _settings(300, 200, 11)),
    (TAXI, 20, {}, _settings(150, 100, 12)),
    (TAXI, 20, {}, _settings(150, 100, 13, epsilon_end=0.05, schedule="exponential")),
]
# SARSA's next action at a time-limit cut is drawn but never taken: a limit no episode
# reaches keeps its replay exact.
SARSA_RUNS: list[Setting] = [
    (FROZEN_LAKE, 1000, ICE, _settings(300, 200, 14)),
    (FROZEN_LAKE, 1000, ICE, _settings(300, 200, 15, epsilon_end=0.05, schedule="exponential")),
]


# --- exploration -------------------------------------------------------------------------------

LINEAR_CASES = [
    (0, 1.0, 0.05, 100),
    (37, 1.0, 0.05, 100),
    (100, 1.0, 0.05, 100),
    (250, 1.0, 0.05, 100),
    (3, 0.5, 0.1, 7),
    (1, 1.0, 0.0, 1),
    (4, 0.3, 0.3, 8),
    (5, 0.2, 0.6, 10),
    (3, 0.0, 0.0, 5),
    (2, 0.5, 1.0, 4),
]
EXPONENTIAL_CASES = [
    (0, 1.0, 0.01, 100),
    (50, 1.0, 0.01, 100),
    (99, 1.0, 0.01, 100),
    (400, 1.0, 0.01, 100),
    (3, 0.5, 0.1, 7),
    (2, 0.8, 0.8, 5),
]


@check(
    "linear_epsilon and exponential_epsilon fall from start to end, then stay", hint="exploration"
)
def epsilon_schedules(ctx: Context) -> None:
    module = _module(ctx, "linear_epsilon", "exponential_epsilon")
    for name, cases, reference, shape in (
        ("linear_epsilon", LINEAR_CASES, _reference_linear, "a straight line"),
        ("exponential_epsilon", EXPONENTIAL_CASES, _reference_exponential, "a geometric fall"),
    ):
        for episode, start, end, decay in cases:
            expect_close(
                _valid(
                    f"{name}({episode}, start={start}, end={end}, decay_episodes={decay})",
                    getattr(module, name),
                    episode,
                    start,
                    end,
                    decay,
                ),
                reference(episode, start, end, decay),
                what=f"{name}({episode}, start={start}, end={end}, decay_episodes={decay})",
                rtol=1e-12,
                atol=1e-12,
                note=f"Epsilon is start at episode 0 and end at episode decay_episodes, along "
                f"{shape} in between, and end afterwards.",
            )
    bad: list[tuple[str, tuple[Any, ...], tuple[str | tuple[str, ...], ...], str]] = [
        ("linear_epsilon", (-1, 1.0, 0.1, 10), ("episode",), "a negative episode"),
        ("linear_epsilon", (0, 1.5, 0.1, 10), ("start",), "a start above 1"),
        ("linear_epsilon", (0, 1.0, -0.1, 10), ("end",), "an end below 0"),
        ("linear_epsilon", (0, 1.0, 0.1, 0), ("decay",), "decay_episodes of 0"),
        ("exponential_epsilon", (0, 1.0, 0.0, 10), ("end",), "an end of 0 (never reached)"),
        ("exponential_epsilon", (0, 0.0, 0.1, 10), ("start",), "a start of 0 (never left)"),
        ("exponential_epsilon", (0, 1.0, 0.1, 0), ("decay",), "decay_episodes of 0"),
    ]
    for name, args, words, problem in bad:
        expect_raises(
            ValueError,
            getattr(module, name),
            *args,
            call=f"{name}{args}",
            mentions_any=words,
            problem=problem,
        )


def _counts(module: ModuleType, row: Array, epsilon: float, draws: int, seed: int) -> Array:
    rng = np.random.default_rng(seed)
    given = row.copy()
    counts = np.zeros(len(row))
    for _ in range(draws):
        action = module.epsilon_greedy(row, epsilon, rng)
        expect(
            isinstance(action, int | np.integer) and 0 <= int(action) < len(row),
            f"epsilon_greedy({row.tolist()}, {epsilon}, rng) returned {action!r}, expected an "
            f"action: an int from 0 to {len(row) - 1}.",
        )
        counts[int(action)] += 1
    expect(
        bool(np.array_equal(row, given)),
        "epsilon_greedy changed the row of values it was given: only read it.",
    )
    return counts


@check(
    "epsilon_greedy explores with probability epsilon and breaks ties at random", hint="exploration"
)
def epsilon_greedy_draws(ctx: Context) -> None:
    module = _module(ctx, "epsilon_greedy")
    cases = [
        ([0.0, 2.0, 1.0, 2.0], 0.2, DRAWS, "two best actions share the greedy draws"),
        ([-1.0, 0.5, 0.25], 1.0, DRAWS // 4, "epsilon 1 draws every action alike"),
        ([3.0, 3.0, 3.0, 3.0, 3.0], 0.0, DRAWS // 4, "five equal values: any of them"),
        ([-1.0, 0.5, 0.25], 0.0, 200, "epsilon 0 always takes the best action"),
    ]
    for seed, (values, epsilon, draws, why) in enumerate(cases):
        row = np.array(values)
        best = row == row.max()
        p = epsilon / len(row) + (1.0 - epsilon) * best / best.sum()
        counts = _counts(module, row, epsilon, draws, seed)
        spread = Z * np.sqrt(draws * p * (1.0 - p))
        for action in range(len(row)):
            expect(
                abs(counts[action] - draws * p[action]) <= spread[action],
                f"epsilon_greedy({values}, epsilon={epsilon}) chose action {action} "
                f"{int(counts[action])} times in {draws} draws, expected about "
                f"{draws * p[action]:.0f} (probability {p[action]:.3f}: {why}). With "
                "probability epsilon it draws any action uniformly (the best ones too); "
                "otherwise one of the best actions, ties drawn uniformly.",
            )
    row = np.array([0.0, 1.0, 0.5, 1.0])
    runs = [
        [module.epsilon_greedy(row, 0.5, rng) for _ in range(100)]
        for rng in (np.random.default_rng(7), np.random.default_rng(7))
    ]
    expect(
        [int(a) for a in runs[0]] == [int(a) for a in runs[1]],
        "epsilon_greedy drew different actions from two generators with the same seed: draw "
        "every random number from the rng it is given (rng.random(), rng.integers(), "
        "rng.choice()), never from np.random or random.",
    )


# --- the two updates ---------------------------------------------------------------------------

TABLE = [[0.5, -1.0, 0.25], [2.0, 1.5, -0.5], [0.0, 3.0, 1.0]]
# (state, action, reward, next state, next action, terminated, alpha, gamma)
UPDATES = [
    (0, 0, 1.0, 1, 2, False, 0.1, 0.9),
    (0, 0, 1.0, 1, 2, True, 0.1, 0.9),
    (1, 2, -1.0, 2, 0, False, 0.5, 0.99),
    (2, 1, 0.0, 2, 2, False, 0.25, 0.9),
    (0, 1, 5.0, 0, 1, False, 1.0, 0.5),
    (1, 0, -2.0, 2, 1, False, 0.3, 0.0),
]


def _expect_update(ctx: Context, name: str, on_policy: bool, target: str) -> None:
    module = _module(ctx, name)
    for s, a, r, s2, a2, terminated, alpha, gamma in UPDATES:
        q = np.array(TABLE)
        next_value = q[s2, a2] if on_policy else q[s2].max()
        future = 0.0 if terminated else gamma * next_value
        expected = q.copy()
        expected[s, a] = q[s, a] + alpha * (r + future - q[s, a])
        args: tuple[Any, ...] = (q, s, a, r, s2, *([a2] if on_policy else []), terminated)
        shown = f"{s2}, " + (f"next_action={a2}, " if on_policy else "")
        call = (
            f"{name}(q, {s}, {a}, reward={r}, next_state={shown}terminated={terminated}, "
            f"alpha={alpha}, gamma={gamma})"
        )
        result = getattr(module, name)(*args, alpha, gamma)
        if np.array_equal(q, np.array(TABLE)):
            fail(
                f"{call} left q unchanged{' and returned a table' if result is not None else ''}: "
                "update q[state, action] in place (q is a NumPy array: q[s, a] += ...)."
            )
        others = np.ones(q.shape, dtype=bool)
        others[s, a] = False
        expect(
            bool(np.array_equal(q[others], expected[others])),
            f"{call} changed other entries of q than q[{s}, {a}]: an update moves one entry.",
        )
        expect_close(
            q[s, a],
            expected[s, a],
            what=f"{call}: q[{s}, {a}] afterwards",
            rtol=RTOL,
            atol=ATOL,
            note=f"q[{s}, {a}] was {TABLE[s][a]} and q[{s2}] is {TABLE[s2]}; the target is "
            f"{target}, the reward alone when terminated.",
        )


@check("q_learning_update moves Q(s, a) towards r + gamma * max Q(s', .)", hint="updates")
def q_learning_update_values(ctx: Context) -> None:
    _expect_update(
        ctx,
        "q_learning_update",
        on_policy=False,
        target="reward + gamma * max(q[next_state])",
    )


@check("sarsa_update moves Q(s, a) towards r + gamma * Q(s', a')", hint="updates")
def sarsa_update_values(ctx: Context) -> None:
    _expect_update(
        ctx,
        "sarsa_update",
        on_policy=True,
        target="reward + gamma * q[next_state, next_action], not the best next value",
    )


# --- planning and evaluation -------------------------------------------------------------------


def _random_model(seed: int, states: int = 6, actions: int = 3) -> Model:
    """A small stochastic model: 1 to 3 outcomes per action, some of them terminal."""
    rng = np.random.default_rng(seed)
    model: Model = {}
    for s in range(states):
        model[s] = {}
        for a in range(actions):
            n = int(rng.integers(1, 4))
            probabilities = rng.dirichlet(np.ones(n))
            model[s][a] = [
                (float(p), int(rng.integers(states)), float(rng.normal()), bool(rng.random() < 0.3))
                for p in probabilities
            ]
    return model


@check("value_iteration finds the optimal action values of a known model", hint="planning")
def value_iteration_optimal(ctx: Context) -> None:
    module = _module(ctx, "value_iteration")
    small = _random_model(5)
    small_arrays = _arrays(small, np.ones(6) / 6)
    # (what, model, its arrays, gamma, tol given or None for the default, 1e-10 too)
    models: list[tuple[str, Model, Arrays, float, float | None]] = [
        (f"{env_id}'s env.unwrapped.P", _make(env_id).unwrapped.P, _env_arrays(env_id), g, VI_TOL)
        for env_id, g in ((FROZEN_LAKE, 0.95), (TAXI, 0.9))
    ]
    models += [
        ("a random 6-state model with terminal outcomes", small, small_arrays, 0.8, None),
        ("the random model", small, small_arrays, 0.0, VI_TOL),  # values: expected rewards
    ]
    for what, model, arrays, gamma, tol in models:
        expected = _optimal_q(arrays, gamma)
        shown = f"value_iteration({what}, gamma={gamma}{'' if tol is None else f', tol={tol:g}'})"
        given = {} if tol is None else {"tol": tol}
        q = _table(
            _valid(shown, module.value_iteration, model, gamma, **given), expected.shape, shown
        )
        expect_close(
            q,
            expected,
            what=shown,
            rtol=0.0,
            atol=VI_ATOL,
            note="A sweep sets q(s, a) to the sum over its outcomes of p * (r + gamma * max "
            "q(s2, .)), no future after a terminated one, until nothing moves by more than tol.",
        )
    for gamma, tol, words, problem in (
        (1.0, VI_TOL, ("gamma", "discount"), "a discount that is not below 1"),
        (0.8, 0.0, ("tol",), "a tolerance of 0, which may never be reached"),
    ):
        expect_raises(
            ValueError,
            module.value_iteration,
            small,
            gamma,
            tol=tol,
            call=f"value_iteration(model, gamma={gamma}, tol={tol:g})",
            mentions_any=words,
            problem=problem,
        )


@check("evaluate averages the returns of seeded episodes of a policy", hint="evaluation")
def evaluate_seeded(ctx: Context) -> None:
    module = _module(ctx, "evaluate")
    cases: list[tuple[str, dict[str, Any], Any, int, int]] = [
        (FROZEN_LAKE, {}, _env_optimal_policy(FROZEN_LAKE, 0.99), 100, 20),
        (TAXI, {}, _env_optimal_policy(TAXI, 0.99), 20, 5),
        (TAXI, {}, _env_optimal_policy(TAXI, 0.99), 1, 9),
        # always left on the ice that does not slip: no episode ends before the time limit
        (
            FROZEN_LAKE,
            {"is_slippery": False, "max_episode_steps": 10},
            np.zeros(16, dtype=int),
            3,
            0,
        ),
    ]
    for env_id, kwargs, policy, episodes, seed in cases:
        record = Record()
        env = _recording(_make(env_id, **kwargs), record, "evaluate")
        where = f"{env_id}{'' if not kwargs else ' ' + str(kwargs)}"
        call = f"evaluate({where}, policy, episodes={episodes}, seed={seed})"
        result = _valid(call, module.evaluate, env, [int(a) for a in policy], episodes, seed)
        expect(
            record.cut is None and not record.open,
            f"{call} stopped an episode before its end: run each episode until a step says "
            "terminated or truncated.",
        )
        expect(
            len(record.episodes) == episodes,
            f"{call} ran {len(record.episodes)} episodes, expected {episodes}.",
        )
        expected_seeds = [seed + i for i in range(episodes)]
        expect(
            record.seeds == expected_seeds,
            f"{call} reset its episodes with the seeds {record.seeds[:5]}..., expected "
            f"{expected_seeds[:5]}...: episode i starts with env.reset(seed=seed + i).",
        )
        expected = _reference_evaluate(_make(env_id, **kwargs), policy, episodes, seed)
        expect_close(
            result,
            expected,
            what=call,
            rtol=1e-12,
            atol=1e-12,
            note="The mean over the episodes of the sum of each episode's rewards, no discount.",
        )
    expect_raises(
        ValueError,
        module.evaluate,
        _make(FROZEN_LAKE),
        [0] * 16,
        0,
        0,
        call="evaluate(env, policy, episodes=0, seed=0)",
        mentions_any=("episode",),
        problem="no episode to average",
    )


# --- training ----------------------------------------------------------------------------------


@check("q_learning's table is the replay of its own episodes through the update", hint="training")
def q_learning_replays(ctx: Context) -> None:
    for setting in Q_RUNS:
        _run(ctx, "q_learning", setting)


@check(
    "sarsa's table is the replay of its own episodes, each update using the next action taken",
    hint="training",
)
def sarsa_replays(ctx: Context) -> None:
    for setting in SARSA_RUNS:
        _run(ctx, "sarsa", setting)


def _expect_schedule(run: Run) -> None:
    """The run's non-greedy actions, phase by phase, against the schedule's prediction."""
    config, replay = run.config, run.replay
    actions = run.q.shape[1]
    episode = np.array(replay.episode)
    epsilon = np.array([_reference_epsilon(config, e) for e in range(config["episodes"])])[episode]
    chance = epsilon * (1.0 - np.array(replay.best) / actions)  # of a non-greedy action
    explored = ~np.array(replay.greedy)
    decay = config["decay_episodes"]
    for phase, inside in (
        (f"episodes 0 to {decay - 1}", episode < decay),
        (f"episodes {decay} to {config['episodes'] - 1}", episode >= decay),
    ):
        expected = float(chance[inside].sum())
        observed = int(explored[inside].sum())
        spread = Z * float(np.sqrt((chance[inside] * (1.0 - chance[inside])).sum()))
        if expected == 0.0:
            expect(
                observed == 0,
                f"{run.call}: in {phase} epsilon is {config['epsilon_end']}, yet {observed} of "
                f"your {int(inside.sum())} actions were not greedy: episode e explores with "
                "the epsilon of the Config's schedule at e, passed to epsilon_greedy.",
            )
            continue
        expect(
            abs(observed - expected) <= spread,
            f"{run.call}: in {phase}, {observed} of your {int(inside.sum())} actions were not "
            f"greedy; the {config['schedule']} schedule from {config['epsilon_start']} to "
            f"{config['epsilon_end']} over {decay} episodes predicts about {expected:.0f}. "
            "Episode e explores with the epsilon of the Config's schedule at e, passed to "
            "epsilon_greedy.",
        )


@check("q_learning and sarsa explore with the Config's epsilon schedule", hint="exploration")
def explores_on_schedule(ctx: Context) -> None:
    for method, runs in (("q_learning", Q_RUNS), ("sarsa", SARSA_RUNS)):
        for setting in runs:
            _expect_schedule(_run(ctx, method, setting))


def _tiny_env(terminates: bool) -> Any:
    """One state, two actions, reward 1 per step: an episode of one step, which either
    reaches a terminal state or is cut by a time limit of one step."""
    gym = _gym()
    env: Any = gym.Env

    class OneState(env):
        observation_space = gym.spaces.Discrete(1)
        action_space = gym.spaces.Discrete(2)

        def reset(self, *, seed: int | None = None, options: Any = None) -> Any:
            super().reset(seed=seed)
            return 0, {}

        def step(self, action: Any) -> Any:
            return 0, 1.0, terminates, False, {}

    return gym.wrappers.TimeLimit(OneState(), max_episode_steps=1)


# The tiny environments' training (40 episodes, alpha 0.5, gamma 0.9, epsilon 0.5): the values
# of the cut episodes climb towards 1 / (1 - 0.9) = 10 (the smaller of the two was at least 3
# for seeds 0 to 49 of the solution and both alternatives, both methods), those of the
# terminal ones towards 1, never above; treating the cut as an end keeps both at or below 1.
TINY = _settings(40, 1, 0, epsilon_start=0.5, epsilon_end=0.5)
CUT_LOW = 2.0


@check(
    "a time-limit cut keeps the future, a terminal state has none (both methods)", hint="training"
)
def time_limit_is_not_an_end(ctx: Context) -> None:
    module = _module(ctx, "q_learning", "sarsa", "Config")
    config = _config(module, **TINY)
    for method in ("q_learning", "sarsa"):
        call = f"{method}(one state, reward 1 per step, episodes of one step, alpha=0.5, gamma=0.9)"
        cut = _table(getattr(module, method)(_tiny_env(False), config), (1, 2), call)
        expect(
            float(cut.min()) >= CUT_LOW,
            f"{call}, each episode cut by a time limit (truncated): your values are "
            f"{np.round(cut, 3).tolist()}, expected both at least {CUT_LOW} (on their way to "
            "1 / (1 - 0.9) = 10). A cut episode's last state still has a future: bootstrap "
            "from it; only terminated means no future.",
        )
        ended = _table(getattr(module, method)(_tiny_env(True), config), (1, 2), call)
        expect(
            float(ended.max()) <= 1.0 + ATOL,
            f"{call}, each episode ending in a terminal state: your values are "
            f"{np.round(ended, 3).tolist()}, expected at most 1 (the reward; nothing follows "
            "a terminal state). When terminated, the target is the reward alone.",
        )


@check("the same Config gives the same table, another seed another one", hint="training")
def seeded(ctx: Context) -> None:
    module = _module(ctx, "q_learning", "sarsa", "Config")
    settings = _settings(40, 20, 3)
    for method in ("q_learning", "sarsa"):
        tables = []
        for seed, disturb in ((3, False), (3, True), (4, False)):
            if disturb:  # other code drawing random numbers between two runs
                np.random.seed(2024)
                random.seed(2024)
                np.random.random(7)
                random.random()
            env = _make(TAXI, max_episode_steps=30)
            tables.append(
                np.asarray(
                    getattr(module, method)(env, _config(module, **(settings | {"seed": seed}))),
                    dtype=float,
                )
            )
        call = f"{method}(Taxi-v4, time limit 30, Config(episodes=40, ..., seed=3))"
        expect(
            tables[0].shape == tables[1].shape and bool(np.array_equal(tables[0], tables[1])),
            f"{call} gave two different tables on two runs: seed everything from config.seed "
            "(rng = np.random.default_rng(config.seed) for your draws, and the first "
            "env.reset(seed=...) with a seed drawn from rng).",
        )
        expect(
            not np.array_equal(tables[0], tables[2]),
            f"{call} gave the same table with seed=4: take the seed from the Config.",
        )


def _bad_settings() -> list[tuple[dict[str, Any], str | tuple[str, ...], str]]:
    return [
        ({"episodes": 0}, "episode", "no episode"),
        ({"alpha": 0.0}, "alpha", "a step size of 0"),
        ({"alpha": 1.5}, "alpha", "a step size above 1"),
        ({"gamma": -0.1}, "gamma", "a discount below 0"),
        ({"gamma": 1.5}, "gamma", "a discount above 1"),
        ({"epsilon_start": 1.2}, "start", "an epsilon above 1"),
        ({"schedule": "cosine"}, "schedule", "an unknown schedule"),
        ({"schedule": "exponential", "epsilon_end": 0.0}, "end", "an exponential fall to 0"),
    ]


def _train_new(train: Any, module: ModuleType, env_id: str, settings: dict[str, Any]) -> Any:
    """Build the Config and train on a fresh environment (either may raise)."""
    return train(_make(env_id), module.Config(**settings))


@check("q_learning and sarsa reject bad settings with ValueError", hint="training")
def rejects_bad_settings(ctx: Context) -> None:
    module = _module(ctx, "q_learning", "sarsa", "Config")
    good = _settings(3, 2, 0, epsilon_end=0.1)
    for method in ("q_learning", "sarsa"):
        train = getattr(module, method)
        for gamma in (0.0, 1.0):  # the edges of the ranges are settings too
            edges = _settings(1, 1, 0, alpha=1.0, gamma=gamma, epsilon_start=0.0, epsilon_end=1.0)
            _valid(
                f"{method}(FrozenLake-v1, Config(episodes=1, alpha=1.0, gamma={gamma}, "
                "epsilon_start=0.0, epsilon_end=1.0)) (the ranges include their edges)",
                _train_new,
                train,
                module,
                FROZEN_LAKE,
                edges,
            )
        for change, words, problem in _bad_settings():
            settings = good | change
            shown = ", ".join(f"{k}={v!r}" for k, v in change.items())
            expect_raises(
                ValueError,
                _train_new,
                train,
                module,
                FROZEN_LAKE,
                settings,
                call=f"{method}(FrozenLake-v1, Config(..., {shown}))",
                mentions_any=(words,),
                problem=problem,
            )
        expect_raises(
            ValueError,
            _train_new,
            train,
            module,
            "CartPole-v1",
            good,
            call=f"{method}(CartPole-v1, Config(...))",
            mentions_any=("discrete",),
            problem="states that are not a Discrete space (no table has a row per state)",
        )


# --- the bars ------------------------------------------------------------------------------------


def _bar(ctx: Context, key: str, method: str, env_id: str, limit: int, bar: str, unit: str) -> None:
    """Train with the learner's own settings, check the replay, judge the greedy policy."""
    module = _module(ctx, method, "Config", BAR_SETTINGS[key])
    learner_config = getattr(module, BAR_SETTINGS[key])
    expect(
        dataclasses.is_dataclass(learner_config) and not isinstance(learner_config, type),
        f"{MODULE}.{BAR_SETTINGS[key]} is {type(learner_config).__name__}, expected a Config.",
    )
    config = dataclasses.asdict(learner_config)
    record = Record()
    env = _recording(_make(env_id), record, method)
    call = f"{method}({env_id}, {BAR_SETTINGS[key]})"
    shape = (int(env.observation_space.n), int(env.action_space.n))
    q = _table(getattr(module, method)(env, learner_config), shape, call)
    _expect_replay(q, record, config, on_policy=method == "sarsa", call=call)
    arrays = _env_arrays(env_id)
    policy = np.argmax(q, axis=1)
    value = _finite_horizon(arrays, limit, policy)
    best = _env_best(env_id, limit)
    expect_bar(
        ctx,
        bar,
        value,
        note=f"({unit} of your table's greedy policy within {limit} steps, exactly from "
        f"env.unwrapped.P; the best possible, by value iteration: {best:.3f}. Tune "
        f"{BAR_SETTINGS[key]}: more episodes, a slower fall of epsilon, another alpha.)",
    )


@check("Q-learning's greedy policy on slippery FrozenLake reaches the bar", hint="tuning")
def frozen_lake_q_learning(ctx: Context) -> None:
    _bar(ctx, "frozen_lake_q_learning", "q_learning", FROZEN_LAKE, FROZEN_LAKE_STEPS,
         "frozen_lake_q_success", "The probability of reaching the goal")  # fmt: skip


@check("SARSA's greedy policy on slippery FrozenLake reaches the bar", hint="tuning")
def frozen_lake_sarsa(ctx: Context) -> None:
    _bar(ctx, "frozen_lake_sarsa", "sarsa", FROZEN_LAKE, FROZEN_LAKE_STEPS,
         "frozen_lake_sarsa_success", "The probability of reaching the goal")  # fmt: skip


@check("Q-learning's greedy policy on Taxi reaches the bar", hint="tuning")
def taxi_q_learning(ctx: Context) -> None:
    _bar(ctx, "taxi_q_learning", "q_learning", TAXI, TAXI_STEPS, "taxi_q_return",
         "The expected return (a mean over the 300 starts)")  # fmt: skip
