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
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

__all__ = [
    "CheckFailed",
    "CheckSpec",
    "Context",
    "check",
    "expect",
    "expect_at_least",
    "expect_at_most",
    "expect_close",
    "expect_equal",
    "fail",
]


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


@dataclass
class Context:
    """What a check sees: the learner's working copy, and a place to report metrics."""

    workdir: Path
    metrics: dict[str, float] = field(default_factory=dict)
    _modules: dict[str, ModuleType] = field(default_factory=dict)

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
