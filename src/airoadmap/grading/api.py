"""What an exercise's `checks.py` uses: the `@check` decorator, the context, and assertions.

A checks module is a list of functions, each decorated with `@check`, run in order inside the
sandboxed harness. A check passes by returning; it fails by raising `CheckFailed` (the helpers
below raise it with a message that teaches). When the learner's code raises
`NotImplementedError` (what every starter does), the check reads NOT_ATTEMPTED. Any other
exception from the learner's code reads ERROR, with the line of their file that raised.

    from airoadmap.grading.api import Context, check, expect_close, expect_equal

    @check("reverse_words splits on spaces", hint="reverse_words")
    def reverse_words(ctx: Context) -> None:
        katas = ctx.load("katas")
        expect_equal(katas.reverse_words("a b"), "b a", call="reverse_words('a b')")
"""

from __future__ import annotations

import importlib.util
import math
import reprlib
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

__all__ = [
    "CheckFailed",
    "CheckSpec",
    "Context",
    "MetricBar",
    "check",
    "expect",
    "expect_at_least",
    "expect_at_most",
    "expect_bar",
    "expect_close",
    "expect_equal",
    "expect_fit_first",
    "expect_message",
    "expect_raises",
    "expect_unfitted",
    "fail",
    "short",
]

_SHORT = reprlib.Repr()
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = _SHORT.maxset = 8
_SHORT.maxstring = _SHORT.maxother = 80
_SHORT.maxlevel = 8


def short(value: object) -> str:
    """A repr short enough for a one-line message (long lists and strings are cut)."""
    return _SHORT.repr(value)


class CheckFailed(AssertionError):
    """Raised by a check to say FAIL, with a message for the learner."""


@dataclass(frozen=True)
class CheckSpec:
    """One registered check: its display name, the hint group it points to, the function."""

    name: str
    func: Callable[[Context], None]
    hint: str | None = None


# Filled by @check while a checks module is imported; the harness reads and clears it.
REGISTRY: list[CheckSpec] = []


CheckFunc = Callable[["Context"], None]


def check(name: str, *, hint: str | None = None) -> Callable[[CheckFunc], CheckFunc]:
    """Register a check. `hint` names the hint group (exercise.toml) that helps with it."""

    def register(func: Callable[[Context], None]) -> Callable[[Context], None]:
        REGISTRY.append(CheckSpec(name=name, func=func, hint=hint))
        return func

    return register


@dataclass(frozen=True)
class MetricBar:
    """A metric's bar from the exercise's `[bars]` table: one of at_least or at_most."""

    name: str
    at_least: float | None
    at_most: float | None
    why: str

    @property
    def threshold(self) -> float:
        """The number the metric is compared with."""
        value = self.at_least if self.at_least is not None else self.at_most
        assert value is not None
        return value

    def met(self, value: float) -> bool:
        """Whether `value` reaches the bar (NaN never does)."""
        if self.at_least is not None:
            return bool(value >= self.at_least)
        return bool(value <= self.threshold)


@dataclass
class Context:
    """What a check sees: the learner's working copy, and a place to report metrics.

    bars: the exercise's `[bars]` table as the grader sends it (name -> {"at_least" or
    "at_most": number, "why": text}); read one with `bar(name)`, judge with `expect_bar`.
    """

    workdir: Path
    metrics: dict[str, float] = field(default_factory=dict)
    bars: dict[str, dict[str, Any]] = field(default_factory=dict)
    _modules: dict[str, ModuleType] = field(default_factory=dict)

    def bar(self, name: str) -> MetricBar:
        """The bar `name` declared in exercise.toml's `[bars]` (an internal error when absent:
        the content is broken, not the learner's code)."""
        raw = self.bars.get(name)
        if raw is None:
            from airoadmap.errors import GradingError

            known = ", ".join(sorted(self.bars)) or "none"
            raise GradingError(
                f"checks.py asks for the bar '{name}', which exercise.toml does not declare "
                f"under [bars] (declared: {known})."
            )
        at_least, at_most = raw.get("at_least"), raw.get("at_most")
        return MetricBar(
            name=name,
            at_least=None if at_least is None else float(at_least),
            at_most=None if at_most is None else float(at_most),
            why=str(raw.get("why", "")),
        )

    def load(self, module: str) -> ModuleType:
        """Import the learner's `<module>.py` from the working copy (once per run)."""
        if module in self._modules:
            return self._modules[module]
        path = self.workdir / f"{module}.py"
        if not path.exists():
            fail(f"{module}.py is missing from the exercise folder: `airoadmap reset` restores it.")
        spec = importlib.util.spec_from_file_location(module, path)
        assert spec is not None and spec.loader is not None
        mod = importlib.util.module_from_spec(spec)
        sys.modules[module] = mod
        spec.loader.exec_module(mod)
        self._modules[module] = mod
        return mod

    def path(self, name: str) -> Path:
        """A file in the working copy (for artifact checks)."""
        return self.workdir / name

    @contextmanager
    def scratch(self) -> Iterator[Path]:
        """A fresh folder for files a check writes: in the working copy when it is writable,
        else in the system's temporary folder; removed afterwards."""
        parent: Path | None = self.workdir
        try:
            tempfile.TemporaryDirectory(dir=parent).cleanup()
        except OSError:
            parent = None
        with tempfile.TemporaryDirectory(
            prefix="check-", dir=parent, ignore_cleanup_errors=True
        ) as folder:
            yield Path(folder)

    def record(self, name: str, value: float) -> float:
        """Report a metric (shown to the learner and stored with the attempt)."""
        self.metrics[name] = float(value)
        return float(value)


def fail(message: str) -> NoReturn:
    """Fail the current check with `message`."""
    raise CheckFailed(message)


def expect(condition: bool, message: str) -> None:
    """Fail with `message` unless `condition` holds."""
    if not condition:
        raise CheckFailed(message)


def _nudge(actual: object) -> str:
    return " (Did you forget a return statement?)" if actual is None else ""


def expect_equal(actual: object, expected: object, *, call: str, note: str = "") -> None:
    """Fail unless `actual == expected` (and of the same container type): shows both."""
    try:
        same = bool(actual == expected)
    except (TypeError, ValueError):  # e.g. an array compared with a list
        same = False
    containers = (list, tuple, dict, set, str)
    if same and isinstance(expected, containers) and type(actual) is not type(expected):
        same = False
    if not same:
        extra = f" {note}" if note else ""
        raise CheckFailed(
            f"{call} returned {actual!r}, expected {expected!r}.{_nudge(actual)}{extra}"
        )


def expect_close(
    actual: Any, expected: Any, *, what: str, rtol: float = 1e-6, atol: float = 1e-9, note: str = ""
) -> None:
    """Fail unless the numbers (or arrays) are close: shows the largest difference."""
    import numpy as np

    if actual is None:
        fail(f"{what} is None, expected {expected!r}.{_nudge(actual)}")
    try:
        a = np.asarray(actual, dtype=float)
        e = np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        fail(f"{what} is {actual!r}: expected a number or an array of numbers.")
    if a.shape != e.shape:
        fail(f"{what} has shape {a.shape}, expected {e.shape}. {note}".rstrip())
    if not np.allclose(a, e, rtol=rtol, atol=atol, equal_nan=False):
        diff = float(np.max(np.abs(a - e))) if a.size else math.nan
        shown = (
            f"{float(a):.6g} vs expected {float(e):.6g}"
            if a.ndim == 0
            else (f"largest difference {diff:.3g} (tolerance rtol={rtol:g}, atol={atol:g})")
        )
        fail(f"{what}: {shown}. {note}".rstrip())


def expect_at_least(ctx: Context, name: str, value: float, bar: float, *, note: str = "") -> None:
    """A metric bar: record `name=value` and fail unless it reaches `bar`."""
    ctx.record(name, value)
    if not value >= bar:
        fail(f"{name}={value:.4g} is below the bar {bar:g}. {note}".rstrip())


def expect_at_most(ctx: Context, name: str, value: float, bar: float, *, note: str = "") -> None:
    """A metric bar where lower is better (errors, losses, seconds)."""
    ctx.record(name, value)
    if not value <= bar:
        fail(f"{name}={value:.4g} is above the bar {bar:g}. {note}".rstrip())


def expect_bar(ctx: Context, name: str, value: float, *, note: str = "") -> MetricBar:
    """Record the metric `name=value` and fail unless it reaches its bar in exercise.toml.

    The failure message says the value and the bar, then `note` (what to try), or, without
    a note, why the bar is where it is (the `why` of exercise.toml).
    """
    bar = ctx.bar(name)
    full = note or (f"(The bar: {bar.why})" if bar.why else "")
    if bar.at_least is not None:
        expect_at_least(ctx, name, value, bar.at_least, note=full)
    else:
        expect_at_most(ctx, name, value, bar.threshold, note=full)
    return bar


def expect_raises(
    expected: type[BaseException],
    func: Callable[..., Any],
    *args: Any,
    call: str,
    mentions: tuple[str, ...] = (),
    mentions_any: tuple[str | tuple[str, ...], ...] = (),
    problem: str = "",
    note: str = "",
    **kwargs: Any,
) -> BaseException:
    """Call `func`; fail unless it raises `expected`, with a message that passes
    `expect_message(mentions, mentions_any, problem)`.

    NotImplementedError passes through untouched: the harness reads it as NOT_ATTEMPTED.
    """
    try:
        result = func(*args, **kwargs)
    except NotImplementedError:
        raise
    except expected as err:
        expect_message(
            err, call=call, mentions=mentions, mentions_any=mentions_any, problem=problem
        )
        return err
    except Exception as err:
        got = f"{type(err).__name__}({short(str(err))})"
        fail(f"{call} raised {got}, expected {expected.__name__}. {note}".rstrip())
    returned = f"{call} returned {short(result)}"
    fail(f"{returned}, expected it to raise {expected.__name__}. {note}".rstrip())


def expect_message(
    err: BaseException,
    *,
    call: str,
    mentions: tuple[str, ...] = (),
    mentions_any: tuple[str | tuple[str, ...], ...] = (),
    problem: str = "",
) -> None:
    """The message of `err`, which `call` raised, contains every word of `mentions` and at
    least one of `mentions_any` (an entry that is a tuple: all its parts), in any case: it is
    judged on what it says, not on a wording. `problem` tells the learner what to name.
    """
    message = str(err)
    lowered = message.lower()
    raised = f"{call} raised {type(err).__name__}({message!r}): right type, but the message"
    for part in mentions:
        expect(part.lower() in lowered, f"{raised} should mention {part!r}.")
    if not mentions_any:
        return
    wanted = [(w,) if isinstance(w, str) else w for w in mentions_any]
    example = ", ".join(repr(part) for part in wanted[0])
    expect(
        any(all(part.lower() in lowered for part in parts) for parts in wanted),
        f"{raised} should name the problem{f' ({problem})' if problem else ''}, e.g. with "
        f"{'the word' if len(wanted[0]) == 1 else 'the words'} {example}.",
    )


def expect_unfitted(model: object, learned: tuple[str, ...]) -> None:
    """A model that was never fitted has none of its learned attributes (scikit-learn's rule)."""
    for name in learned:
        expect(
            not hasattr(model, name),
            f"A model that was never fitted already has {name}: learned attributes (ending in "
            "_) are set by fit, so that an unfitted model can be told apart.",
        )


def expect_fit_first(action: Callable[[], Any], *, fit_call: str, attribute: str) -> None:
    """`action` (e.g. predict on an unfitted model) must raise an error that says to fit."""
    try:
        result = action()
    except NotImplementedError:
        raise
    except Exception as exc:
        expect(
            "fit" in str(exc).lower(),
            f"predict before fit raised {type(exc).__name__}({str(exc)!r}): the message should "
            f"say to call {fit_call} first, e.g. check hasattr(self, '{attribute}') in predict.",
        )
    else:
        fail(
            f"predict before fit returned {short(result)}: it should raise an error that says "
            f"to call {fit_call} first."
        )
