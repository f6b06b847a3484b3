"""The bar each metric of an exercise must reach, read from its checks, for the charts.

A check sets a bar with `expect_at_least(ctx, "r2_holdout", value, HOLDOUT_R2_BAR)` (or
`expect_at_most`). The bars are found without running anything: the checks module is parsed
(`ast`) and each such call whose name is a string and whose bar is a number, or a module
constant holding one, gives a Bar. A failed check's message ("r2_holdout=0.71 is below the
bar 0.9") fills in a bar the source does not spell out.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from airoadmap.curriculum.loader import exercise_dir

_DIRECTIONS = {"expect_at_least": True, "expect_at_most": False}
_MESSAGE = re.compile(
    r"^(?P<name>[\w.\-]+)=\S+ is (?P<dir>below|above) the bar "
    r"(?P<bar>[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)"  # a number; a full stop may follow
)


@dataclass(frozen=True, slots=True)
class Bar:
    """A metric's bar: at least `value` (higher is better) or at most `value`."""

    metric: str
    value: float
    higher_is_better: bool

    def met(self, value: float | None) -> bool:
        if value is None or not math.isfinite(value):
            return False
        return value >= self.value if self.higher_is_better else value <= self.value

    @property
    def label(self) -> str:
        return f"{'≥' if self.higher_is_better else '≤'} {self.value:g}"


def _number(node: ast.expr, constants: Mapping[str, float]) -> float | None:
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _constants(tree: ast.Module) -> dict[str, float]:
    """Module-level `NAME = <number>` assignments."""
    found: dict[str, float] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name):
            number = _number(value, {})
            if number is not None:
                found[target.id] = number
    return found


def _call_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def bars_in_source(source: str) -> dict[str, Bar]:
    """The bars set by expect_at_least / expect_at_most calls in a checks module's source."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return {}
    constants = _constants(tree)
    bars: dict[str, Bar] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node.func)
        if name not in _DIRECTIONS:
            continue
        args: dict[str, ast.expr] = dict(
            zip(("ctx", "name", "value", "bar"), node.args, strict=False)
        )
        args.update({kw.arg: kw.value for kw in node.keywords if kw.arg})
        metric, bar = args.get("name"), args.get("bar")
        if not (isinstance(metric, ast.Constant) and isinstance(metric.value, str)):
            continue
        value = _number(bar, constants) if bar is not None else None
        if value is not None:
            bars[metric.value] = Bar(metric.value, value, _DIRECTIONS[name])
    return bars


@cache
def _exercise_bars(exercise_id: str, checks: str) -> dict[str, Bar]:
    path = Path(exercise_dir(exercise_id)) / checks
    try:
        return bars_in_source(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}


def bars_in_messages(checks: Iterable[Mapping[str, Any]]) -> dict[str, Bar]:
    """Bars named by the messages of checks that missed them."""
    bars: dict[str, Bar] = {}
    for check in checks:
        match = _MESSAGE.match(str(check.get("message", "")))
        if match:
            name = match["name"]
            bars[name] = Bar(name, float(match["bar"]), match["dir"] == "below")
    return bars


def exercise_bars(
    exercise_id: str, checks_module: str = "checks.py", last_checks: Iterable[Any] = ()
) -> dict[str, Bar]:
    """Every bar known for an exercise: from its checks' source, then from failed messages."""
    found = bars_in_messages(c for c in last_checks if isinstance(c, Mapping))
    found.update(_exercise_bars(exercise_id, checks_module))
    return found
