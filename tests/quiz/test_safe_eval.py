"""The safe evaluator: what it computes, what it refuses, and that it refuses before working."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest

from airoadmap.quiz import safe_eval as module
from airoadmap.quiz.safe_eval import EvalError, safe_eval, same_value


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("(3, 2)", (3, 2)),
        ("3, 2", (3, 2)),
        ("[20, 30, 40]", [20, 30, 40]),
        ("-7 // 2", -4),
        ("7 % 3", 1),
        ("2 ** 10", 1024),
        ("1 / 4", 0.25),
        ("abs(-3) + min(4, 2) + max([1, 5])", 10),
        ("round(2.345, 2)", 2.35),
        ("len([1, 2, 3]) + sum((1, 2))", 6),
        ("sqrt(16) + log2(8)", 7.0),
        ("comb(4, 2)", 6),
        ("1 < 2 <= 2", True),
        ("3 in [1, 2, 3]", True),
        ("not 0", True),
        ("'map' + 's'", "maps"),
        ("[1, 2, 3][-1]", 3),
        ("'airoadmap'[-3:]", "map"),
        ("{1, 2} == {2, 1}", True),
        ("None", None),
        ("[0] * 3", [0, 0, 0]),
        ("(" * 100 + "1" + ")" * 100, 1),  # parentheses are not nesting
    ],
)
def test_computes_allowed_expressions(source: str, value: object) -> None:
    assert safe_eval(source) == value


@pytest.mark.parametrize(
    ("source", "why"),
    [
        ("__import__('os')", "not allowed"),
        ("__import__('os').system('echo hi')", "not allowed"),
        ("().__class__.__bases__[0].__subclasses__()", "attribute"),
        ("(1).real", "attribute"),
        ("open('/etc/passwd')", "not allowed"),
        ("eval('1')", "not allowed"),
        ("x", "unknown name"),
        ("abs", "is a function"),
        ("lambda: 1", "lambda"),
        ("[x for x in range(3)]", "comprehension"),
        ("{'a': 1}", "dictionar"),
        ("(y := 3)", "assignment"),
        ("f'{1}'", "f-string"),
        ("max(*[1, 2])", "positional"),
        ("round(2.5, ndigits=1)", "positional"),
        ("import os", "not a valid"),
        ("1 +", "not a valid"),
        ("", "empty"),
        ("1 / 0", "division by zero"),
        ("10.0 ** 400", "too large"),
        ("(-8) ** (1 / 3)", "complex"),
        ("1j", "complex"),
        ("b'x'", "bytes"),
        ("'%s' % 3", "needs two numbers"),
        ("~1", "needs a number"),
        ("1 << 3", "not allowed"),
        ("[1, 2][5]", "out of range"),
        ("1 + " * 150 + "1", "too long"),
    ],
)
def test_refuses_with_one_clear_line(source: str, why: str) -> None:
    with pytest.raises(EvalError) as err:
        safe_eval(source)
    message = str(err.value)
    assert why.lower() in message.lower(), message
    assert "\n" not in message


@pytest.mark.parametrize(
    "source",
    [
        "9**9**9",
        "2 ** 100000",
        "10 ** 10 ** 10",
        "[0] * 10**9",
        "'a' * 10**9",
        "[[0] * 10000] * 10000",
        "2 ** 4000 * 2 ** 4000",
        "((2 ** 4000) ** 2) ** 2",
        "factorial(10**6)",
        "comb(10**6, 5 * 10**5)",
        "-" * 250 + "1",
        "[" * 100 + "1" + "]" * 100,
    ],
)
def test_refuses_huge_work_before_doing_it(source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """No operation returns a value beyond the bounds, and little memory is ever taken: the
    size is refused before the work is done, not checked after."""
    made: list[Any] = []

    def recording(fn: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            made.append(value := fn(*args))
            return value

        return call

    for table in (module.BINARY, module.FUNCTIONS):
        for key, fn in list(table.items()):
            monkeypatch.setitem(table, key, recording(fn))
    tracemalloc.start()
    try:
        with pytest.raises(EvalError):
            safe_eval(source)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    for value in made:
        assert module._check_size(value) is value, source  # within bounds (raises otherwise)
    assert peak < 1_000_000, f"{source}: {peak} bytes allocated"


def test_same_value_compares_answers_sensibly() -> None:
    assert same_value([3, 2], (3, 2))  # a shape typed as a list is the same answer
    assert same_value(0.1 + 0.2, 0.3)
    assert same_value(4, 4.0)
    assert not same_value(1, True)  # a boolean is not a number answer
    assert not same_value((3, 2), (2, 3))
    assert not same_value((3, 2), (3, 2, 1))
    assert not same_value("3", 3)
    assert same_value(0.7071, 2**0.5 / 2, rel_tol=1e-3)
    assert not same_value(0.7, 2**0.5 / 2, rel_tol=1e-3)
