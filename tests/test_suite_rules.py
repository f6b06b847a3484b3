"""Rules for the test suite itself.

No wall-clock bound in a test: under load (two cores shared by a build, a browser, other
tests) "it took under 3 s" fails for no fault of the code. A test asserts on the work done
(what was computed, how many calls, what was refused before it started); speed claims live in
benchmarks/ (each writes benchmarks/results/<name>.md).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

TESTS = Path(__file__).parent
# Learner code held back as test data, not tests.
NOT_TESTS = (TESTS / "content" / "submissions",)
TIMERS = {"perf_counter", "perf_counter_ns", "monotonic", "monotonic_ns", "time", "time_ns"}
TIMING_NAME = re.compile(r"(^|_)(elapsed|duration|seconds|secs|took|wall)(_|$)", re.IGNORECASE)
UPPER = (ast.Lt, ast.LtE)  # measured < bound
LOWER = (ast.Gt, ast.GtE)  # bound > measured


def _reads_a_clock(node: ast.AST) -> bool:
    """Whether `node` calls time.perf_counter(), time.monotonic(), time.time(), ...."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            func = sub.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in TIMERS:
                return True
    return False


def _is_timing(node: ast.AST, timed: set[str]) -> bool:
    """Whether an expression is a measured time: a clock reading, a name assigned from one,
    or a name (or attribute) called like a duration."""
    if _reads_a_clock(node):
        return True
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and (sub.id in timed or TIMING_NAME.search(sub.id)):
            return True
        if isinstance(sub, ast.Attribute) and TIMING_NAME.search(sub.attr):
            return True
    return False


def _is_bound(node: ast.AST) -> bool:
    """A number, or arithmetic on numbers and names (e.g. `3.0`, `2 * LIMIT`)."""
    return not _reads_a_clock(node) and not any(
        isinstance(sub, ast.Call | ast.Compare) for sub in ast.walk(node)
    )


def wall_clock_asserts(source: str) -> list[int]:
    """Lines of `assert`s that bound a measured time from above."""
    tree = ast.parse(source)
    timed: set[str] = set()
    for node in ast.walk(tree):
        assigns = isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign)
        if assigns and node.value is not None and _reads_a_clock(node.value):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            timed |= {t.id for t in targets if isinstance(t, ast.Name)}
    # A name holding a clock reading (`start = perf_counter()`) is a time too: the difference
    # `perf_counter() - start` is what is bounded.
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assert):
            continue
        for compare in (n for n in ast.walk(node.test) if isinstance(n, ast.Compare)):
            left = compare.left
            for op, right in zip(compare.ops, compare.comparators, strict=True):
                measured, bound = (left, right) if isinstance(op, UPPER) else (right, left)
                bounded = isinstance(op, UPPER + LOWER) and _is_bound(bound)
                if bounded and _is_timing(measured, timed):
                    lines.append(node.lineno)
                left = right
    return sorted(set(lines))


def test_no_test_bounds_wall_clock_time() -> None:
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        if any(path.is_relative_to(folder) for folder in NOT_TESTS):
            continue
        for line in wall_clock_asserts(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(TESTS.parent)}:{line}")
    assert found == [], (
        "wall-clock bounds in tests (assert on the work done, or move the timing to "
        "benchmarks/): " + ", ".join(found)
    )


def test_the_rule_finds_the_usual_forms() -> None:
    source = """
import time
def test_a():
    start = time.perf_counter()
    work()
    assert time.perf_counter() - start < 3.0
def test_b():
    t0 = time.monotonic()
    work()
    took = time.monotonic() - t0
    assert took < 2 * LIMIT, "slow"
def test_c(result):
    assert result.elapsed_s <= 10
    assert 20 > duration
def test_fine(row, items):
    assert row.duration_s == 1.25
    assert len(items) < 3
    assert time.time() > 0 or True
"""
    assert wall_clock_asserts(source) == [6, 11, 13, 14]
