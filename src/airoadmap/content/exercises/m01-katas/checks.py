"""Checks for m01-katas: one check per kata, each with ordinary cases and edge cases.

Every message shows the call, what was expected and what came back. Only the standard
library is imported here, so the whole set runs in well under a second.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from typing import Any

from airoadmap.grading.api import Context, check, expect, expect_equal, expect_raises, fail, short

MODULE = "katas"


def _show(name: str, *args: Any, **kwargs: Any) -> str:
    """How a call reads in a message: `chunk([1, 2, 3], 2)` (long arguments shortened)."""
    parts = [short(a) for a in args] + [f"{k}={short(v)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


class _Name:
    """Stands for an argument shown by name in a call (`deep_get(config, 'a.b')`)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


def _equal(actual: Any, expected: Any, *, call: str, note: str = "") -> None:
    """expect_equal, accepting any dict subclass (Counter, defaultdict) where a dict is due."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        actual = dict(actual)
    expect_equal(actual, expected, call=call, note=note)


def _cases(func: Callable[..., Any], name: str, cases: list[tuple[tuple[Any, ...], Any]]) -> None:
    """Call `func(*args)` for each case and compare with the expected value."""
    for args, expected in cases:
        call = _show(name, *args)  # before the call, in case it changes its arguments
        _equal(func(*args), expected, call=call)


def _close(actual: Any, expected: float, *, call: str, note: str = "") -> None:
    """A float result, equal to `expected` up to rounding."""
    ok = isinstance(actual, int | float) and not isinstance(actual, bool)
    if not (ok and math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-12)):
        hint = " (Did you forget a return statement?)" if actual is None else ""
        fail(f"{call} returned {actual!r}, expected {expected!r}.{hint} {note}".rstrip())


def _no_crash(func: Callable[..., Any], *args: Any, call: str, **kwargs: Any) -> Any:
    """Call `func` where the contract promises a value, never an exception."""
    try:
        return func(*args, **kwargs)
    except NotImplementedError:
        raise
    except Exception as err:
        fail(
            f"{call} raised {type(err).__name__}({err}); the contract says it returns the "
            "default instead. Check each step before taking it, or catch the error."
        )


def _unchanged(before: Any, after: Any, call: str) -> None:
    expect(after == before, f"{call} changed its argument to {short(after)}: leave it as is.")


@check("is_palindrome ignores case and anything but letters and digits", hint="is_palindrome")
def check_is_palindrome(ctx: Context) -> None:
    f = ctx.load(MODULE).is_palindrome
    _cases(
        f,
        "is_palindrome",
        [
            (("A man, a plan, a canal: Panama",), True),
            (("race a car",), False),
            (("Noon",), True),
            (("Was it a car or a cat I saw?",), True),
            (("ab",), False),
            (("abca",), False),
            (("12321",), True),
            (("1231",), False),
            (("",), True),  # the empty string reads the same both ways
            (("?! ...",), True),  # no letters or digits left: also empty
            (("А роза упала на лапу Азора",), True),  # Cyrillic letters count as letters
            # ... and so they can break a palindrome: keeping ASCII letters only leaves ""
            (("Привет, мир",), False),
            (("2ж2д",), False),  # ... or "22"
        ],
    )


@check("slugify makes lowercase ASCII words joined by '-'", hint="slugify")
def check_slugify(ctx: Context) -> None:
    f = ctx.load(MODULE).slugify
    _cases(
        f,
        "slugify",
        [
            (("Hello, World!",), "hello-world"),
            (("Month 1: Python & Git",), "month-1-python-git"),
            (("already-a-slug",), "already-a-slug"),
            (("a__b--c",), "a-b-c"),
            (("  Crème Brûlée  ",), "creme-brulee"),
            (("Ångström, naïve café",), "angstrom-naive-cafe"),
            (("日本語 text",), "text"),  # letters with no ASCII form are dropped
            (("",), ""),
            (("!!!",), ""),
        ],
    )


@check("word_counts counts words without case or punctuation", hint="word_counts")
def check_word_counts(ctx: Context) -> None:
    f = ctx.load(MODULE).word_counts
    _cases(
        f,
        "word_counts",
        [
            (("the cat and the hat",), {"the": 2, "cat": 1, "and": 1, "hat": 1}),
            (("Hello, hello HELLO!",), {"hello": 3}),
            (("don't stop, don't!",), {"don't": 2, "stop": 1}),
            (("e-mail (e-mail)",), {"e-mail": 2}),
            (("line one\nline\ttwo",), {"line": 2, "one": 1, "two": 1}),
            (("Café café.",), {"café": 2}),
            (("",), {}),
            (("  \n\t ",), {}),
            (("-- ... !!",), {}),  # only punctuation: no words at all
        ],
    )


# -- lists -------------------------------------------------------------------------------------


@check("chunk cuts a list into batches, the last one shorter", hint="chunk")
def check_chunk(ctx: Context) -> None:
    f = ctx.load(MODULE).chunk
    items = [1, 2, 3, 4, 5]
    _equal(f(items, 2), [[1, 2], [3, 4], [5]], call=_show("chunk", items, 2))
    _unchanged([1, 2, 3, 4, 5], items, _show("chunk", [1, 2, 3, 4, 5], 2))
    _cases(
        f,
        "chunk",
        [
            (([1, 2, 3, 4], 2), [[1, 2], [3, 4]]),
            (([1, 2, 3], 3), [[1, 2, 3]]),
            (([1, 2, 3], 1), [[1], [2], [3]]),
            ((["a"], 10), [["a"]]),
            (([], 3), []),
        ],
    )
    for size in (0, -2):
        expect_raises(
            ValueError, f, [1, 2], size, call=_show("chunk", [1, 2], size), mentions=(str(size),)
        )


@check("moving_average averages every full window", hint="moving_average")
def check_moving_average(ctx: Context) -> None:
    f = ctx.load(MODULE).moving_average
    cases: list[tuple[list[float], int, list[float]]] = [
        ([1, 2, 3, 4], 2, [1.5, 2.5, 3.5]),
        ([2, 4, 6, 8, 10], 3, [4.0, 6.0, 8.0]),
        ([1, 2, 3], 3, [2.0]),
        ([5], 1, [5.0]),
        ([-1, 1, -1, 1], 2, [0.0, 0.0, 0.0]),
        ([0.1, 0.2, 0.3, 0.4], 2, [0.15, 0.25, 0.35]),
        ([1, 2], 3, []),  # the window does not fit even once
        ([], 1, []),
    ]
    for values, window, expected in cases:
        call = _show("moving_average", values, window)
        actual = f(values, window)
        expect(
            isinstance(actual, list) and len(actual) == len(expected),
            f"{call} returned {short(actual)}, expected {expected!r} "
            f"(a list of {len(expected)} numbers: len(values) - window + 1).",
        )
        for got, want in zip(actual, expected, strict=True):
            _close(got, want, call=call)
    expect_raises(
        ValueError, f, [1, 2], 0, call=_show("moving_average", [1, 2], 0), mentions=("0",)
    )


# -- sets --------------------------------------------------------------------------------------


@check("dedupe drops repeats and keeps first-seen order", hint="dedupe")
def check_dedupe(ctx: Context) -> None:
    f = ctx.load(MODULE).dedupe
    items = [3, 1, 3, 2, 1]
    _equal(f(items), [3, 1, 2], call=_show("dedupe", items))
    _unchanged([3, 1, 3, 2, 1], items, _show("dedupe", [3, 1, 3, 2, 1]))
    _cases(
        f,
        "dedupe",
        [
            (([0, -1, 0, -1, 1],), [0, -1, 1]),
            ((["a", "A", "a"],), ["a", "A"]),  # case matters: "a" and "A" differ
            (([(1, 2), (1, 2), (2, 1)],), [(1, 2), (2, 1)]),
            ((["é", "e", "é"],), ["é", "e"]),
            (([5, 4, 3, 2, 1] * 3,), [5, 4, 3, 2, 1]),
            (([],), []),
        ],
    )


@check("jaccard compares two collections as sets", hint="jaccard")
def check_jaccard(ctx: Context) -> None:
    f = ctx.load(MODULE).jaccard
    cases: list[tuple[Any, Any, float]] = [
        ([1, 2, 3], [2, 3, 4], 0.5),
        (["cat", "dog"], ["dog", "cat"], 1.0),
        (["a", "b", "c"], ["a"], 1 / 3),
        ([1, 1, 2], [2], 0.5),  # repeats do not count
        ([1, 2], [3, 4], 0.0),
        ([1], [], 0.0),
        ([], [], 1.0),  # two empty collections are identical
        ("night", "nacht", 3 / 7),  # strings are collections of characters
    ]
    for a, b, expected in cases:
        call = _show("jaccard", a, b)
        try:
            result = f(a, b)
        except NotImplementedError:
            raise
        except ZeroDivisionError:
            fail(f"{call} raised ZeroDivisionError: when the union is empty, return 1.0.")
        _close(result, expected, call=call)


# -- dicts -------------------------------------------------------------------------------------


@check("deep_get reads nested dicts and falls back to the default", hint="deep_get")
def check_deep_get(ctx: Context) -> None:
    f = ctx.load(MODULE).deep_get
    config = {
        "model": {"lr": 0.01, "layers": {"hidden": 64}},
        "seed": 0,
        "note": None,
        "tags": ["a", "b"],
    }
    original = copy.deepcopy(config)
    cases: list[tuple[str, dict[str, Any], Any, str]] = [
        ("model.lr", {}, 0.01, ""),
        ("model.layers.hidden", {}, 64, ""),
        ("model", {}, config["model"], "A path may stop at a dict: return that dict."),
        (
            "seed",
            {"default": 5},
            0,
            "0 is a value like any other: only a missing key gives the default.",
        ),
        ("note", {"default": 5}, None, "The key exists (its value is None): return its value."),
        ("model.momentum", {}, None, "A missing key gives the default, None unless given."),
        ("model.momentum", {"default": 0.9}, 0.9, ""),
        ("optimizer.name", {"default": "sgd"}, "sgd", ""),
        ("seed.value", {"default": "?"}, "?", "0 is not a dict: there is no step further."),
        ("model.lr.x", {}, None, "0.01 is not a dict: there is no step further."),
        ("tags.0", {}, None, "Only dicts are walked, not lists."),
        ("", {}, config, "The empty path is the whole dict."),
    ]
    for path, kwargs, expected, note in cases:
        call = f"{_show('deep_get', _Name('config'), path, **kwargs)} with config = {original!r}"
        _equal(_no_crash(f, config, path, call=call, **kwargs), expected, call=call, note=note)
    _unchanged(original, config, f"deep_get(config, ...) with config = {original!r}")
    call = _show("deep_get", {}, "a", default=1)
    _equal(_no_crash(f, {}, "a", call=call, default=1), 1, call=call)


# -- recursion ---------------------------------------------------------------------------------


@check("flatten opens nested lists at any depth", hint="flatten")
def check_flatten(ctx: Context) -> None:
    f = ctx.load(MODULE).flatten
    nested: list[Any] = [1, [2, [3, [4]]], 5]
    _equal(f(nested), [1, 2, 3, 4, 5], call=_show("flatten", nested))
    _unchanged([1, [2, [3, [4]]], 5], nested, _show("flatten", [1, [2, [3, [4]]], 5]))
    deep: list[Any] = [7]
    for _ in range(50):
        deep = [deep]
    _cases(
        f,
        "flatten",
        [
            (([],), []),
            (([[], [[]]],), []),
            ((["ab", ["cd", ["e"]]],), ["ab", "cd", "e"]),  # strings are items, not lists
            (([(1, 2), [3, {"k": 4}]],), [(1, 2), 3, {"k": 4}]),  # so are tuples and dicts
            (([0, [None, [False, ""]]],), [0, None, False, ""]),  # falsy items are items too
            (([[1, 2], 3, [[4], 5]],), [1, 2, 3, 4, 5]),
            ((deep,), [7]),  # 51 levels deep
        ],
    )


@check("flatten_dict joins nested keys with the separator", hint="flatten_dict")
def check_flatten_dict(ctx: Context) -> None:
    f = ctx.load(MODULE).flatten_dict
    data: dict[str, Any] = {"a": 1, "b": {"c": 2, "d": {"e": 3}}}
    _equal(f(data), {"a": 1, "b.c": 2, "b.d.e": 3}, call=_show("flatten_dict", data))
    _unchanged(
        {"a": 1, "b": {"c": 2, "d": {"e": 3}}},
        data,
        _show("flatten_dict", {"a": 1, "b": {"c": 2, "d": {"e": 3}}}),
    )
    _cases(
        f,
        "flatten_dict",
        [
            (({},), {}),
            (({"x": {}, "y": 1},), {"y": 1}),  # an empty dict has no leaves
            (({"model": {"layers": [64, 32]}},), {"model.layers": [64, 32]}),
            (({"a": None, "b": {"c": None}},), {"a": None, "b.c": None}),
            (({"a": {"b": {"c": {"d": {"e": "deep"}}}}},), {"a.b.c.d.e": "deep"}),
        ],
    )
    data = {"opt": {"name": "adam", "betas": {"b1": 0.9}}}
    call = _show("flatten_dict", data, sep="/")
    _equal(f(data, sep="/"), {"opt/name": "adam", "opt/betas/b1": 0.9}, call=call)


# -- classes -----------------------------------------------------------------------------------


@check("BoundedQueue is first in, first out, with a capacity", hint="BoundedQueue")
def check_bounded_queue(ctx: Context) -> None:
    katas = ctx.load(MODULE)
    Queue = katas.BoundedQueue

    q = Queue(3)
    state = "an empty BoundedQueue(3)"
    _equal(len(q), 0, call=f"len(q) on {state}")
    _equal(repr(q), "BoundedQueue([], capacity=3)", call=f"repr(q) on {state}")
    _equal(q.capacity, 3, call=f"q.capacity on {state}")
    _equal(q.is_full(), False, call=f"q.is_full() on {state}")

    q.push(1)
    q.push(2)
    state = "BoundedQueue(3) after push(1), push(2)"
    _equal(len(q), 2, call=f"len(q) on {state}")
    _equal(q.peek(), 1, call=f"q.peek() on {state}", note="The front is the oldest item.")
    _equal(len(q), 2, call=f"len(q) after peek() on {state}", note="peek() removes nothing.")
    _equal(repr(q), "BoundedQueue([1, 2], capacity=3)", call=f"repr(q) on {state}")

    q.push(3)
    state = "BoundedQueue([1, 2, 3], capacity=3)"
    _equal(q.is_full(), True, call=f"q.is_full() on {state}")
    expect_raises(katas.QueueFull, q.push, 4, call=f"q.push(4) on {state}", mentions=("3",))
    _equal(len(q), 3, call=f"len(q) after a refused push on {state}")

    _equal(q.pop(), 1, call=f"q.pop() on {state}", note="First in, first out.")
    _equal(q.pop(), 2, call="q.pop() on BoundedQueue([2, 3], capacity=3)")
    q.push("x")
    state = "BoundedQueue([3], capacity=3) after push('x')"
    _equal(repr(q), "BoundedQueue([3, 'x'], capacity=3)", call=f"repr(q) on {state}")
    _equal(q.pop(), 3, call="q.pop() on BoundedQueue([3, 'x'], capacity=3)")
    _equal(q.pop(), "x", call="q.pop() on BoundedQueue(['x'], capacity=3)")
    state = "an emptied BoundedQueue(3)"
    _equal(len(q), 0, call=f"len(q) on {state}")
    expect_raises(IndexError, q.pop, call=f"q.pop() on {state}")
    expect_raises(IndexError, q.peek, call=f"q.peek() on {state}")

    one, other = Queue(1), Queue(1)
    one.push("a")
    _equal(
        len(other),
        0,
        call="len(other) after one.push('a') on another queue",
        note="Each queue needs its own items: create them in __init__, not on the class.",
    )
    _equal(one.is_full(), True, call="one.is_full() on BoundedQueue(['a'], capacity=1)")

    for bad in (0, -5):
        expect_raises(ValueError, Queue, bad, call=f"BoundedQueue({bad})", mentions=(str(bad),))


# -- error handling ----------------------------------------------------------------------------


@check("parse_age reads an age or says clearly what is wrong", hint="parse_age")
def check_parse_age(ctx: Context) -> None:
    f = ctx.load(MODULE).parse_age
    for text, expected in (("42", 42), (" 7\n", 7), ("0", 0), ("150", 150)):
        call = _show("parse_age", text)
        result = f(text)
        _equal(result, expected, call=call)
        expect(
            type(result) is int,
            f"{call} returned {result!r} of type {type(result).__name__}, expected an int.",
        )
    for text in ("abc", "", "4.5", "12 years"):
        expect_raises(
            ValueError,
            f,
            text,
            call=_show("parse_age", text),
            mentions=("not a whole number", repr(text)),
        )
    for text, age in (("-1", "-1"), ("151", "151"), (" 200 ", "200")):
        expect_raises(
            ValueError, f, text, call=_show("parse_age", text), mentions=("out of range", age)
        )


# -- files -------------------------------------------------------------------------------------


@check("clean_lines keeps the meaningful lines of a file", hint="clean_lines")
def check_clean_lines(ctx: Context) -> None:
    f = ctx.load(MODULE).clean_lines
    cases: list[tuple[str, str, int]] = [
        (
            "# settings\n\nlr = 0.1  \n   # an indented comment\n  epochs = 5\n\n",
            "lr = 0.1\nepochs = 5\n",
            2,
        ),
        ("x = 1  # a comment after code stays\n", "x = 1  # a comment after code stays\n", 1),
        ("café ☕\n  naïve\n", "café ☕\nnaïve\n", 2),
        ("a\r\nb\r\n", "a\nb\n", 2),  # Windows line ends
        ("a\nb", "a\nb\n", 2),  # no newline at the very end
        ("# only\n# comments\n\n", "", 0),
        ("", "", 0),
    ]
    with ctx.scratch() as folder:
        for n, (raw, cleaned, count) in enumerate(cases):
            src, dst = folder / f"raw{n}.txt", folder / f"out{n}" / "sub" / "clean.txt"
            src.write_bytes(raw.encode("utf-8"))
            call = _show("clean_lines", f"raw{n}.txt", f"out{n}/sub/clean.txt")
            note = f"(raw{n}.txt held {raw!r})"
            # str paths on even cases, Path objects on odd ones: both must work.
            result = f(str(src), str(dst)) if n % 2 == 0 else f(src, dst)
            _equal(result, count, call=call, note=note)
            expect(dst.is_file(), f"{call} did not write out{n}/sub/clean.txt {note}.")
            written = dst.read_text(encoding="utf-8")
            expect(
                written == cleaned,
                f"After {call} the file holds {written!r}, expected {cleaned!r} {note}.",
            )
            expect(
                src.read_bytes() == raw.encode("utf-8"), f"{call} changed raw{n}.txt: only read it."
            )

        src, dst = folder / "notes.txt", folder / "old.txt"
        src.write_text("new\n", encoding="utf-8")
        dst.write_text("old line\n", encoding="utf-8")
        call = _show("clean_lines", "notes.txt", "old.txt")
        f(src, dst)
        written = dst.read_text(encoding="utf-8")
        expect(
            written == "new\n",
            f"After {call} old.txt holds {written!r}, expected 'new\\n': replace what the "
            "file held (open it with 'w', not 'a').",
        )

        call = _show("clean_lines", "missing.txt", "out.txt")
        expect_raises(FileNotFoundError, f, folder / "missing.txt", folder / "out.txt", call=call)


@check("column_mean averages a CSV column, skipping what is not a number", hint="column_mean")
def check_column_mean(ctx: Context) -> None:
    f = ctx.load(MODULE).column_mean
    cases: list[tuple[str, str, float, str]] = [
        ("name,score\nann,1\nbob,2\ncid,3\n", "score", 2.0, ""),
        ('name,score\n"Smith, J",4\nann,2\n', "score", 3.0, "A quoted field may hold commas."),
        (
            "name,score\nann,1\nbob,\ncid,n/a\ndan,3\neve,nan\n",
            "score",
            2.0,
            "Empty, non-numeric and NaN values are skipped.",
        ),
        ("name,score\nann\nbob,4\n", "score", 4.0, "A short row has no value: skip it."),
        ("t\n-1.5\n2.5\n", "t", 0.5, ""),
        ("x\n 3 \n5\n", "x", 4.0, ""),
        ("ville,température\nParis,12.5\nLyon,14.5\n", "température", 13.5, "The file is UTF-8."),
        ("a,b\r\n1,10\r\n2,20\r\n", "b", 15.0, "Windows line ends."),
    ]
    with ctx.scratch() as folder:
        for n, (text, column, expected, note) in enumerate(cases):
            path = folder / f"data{n}.csv"
            path.write_bytes(text.encode("utf-8"))
            call = _show("column_mean", f"data{n}.csv", column)
            held = f"data{n}.csv held {text!r}"
            try:
                result = f(path, column)
            except NotImplementedError:
                raise
            except Exception as err:
                fail(
                    f"{call} raised {type(err).__name__}({err}), expected {expected} ({held}). "
                    f"{note}".rstrip()
                )
            _close(result, expected, call=f"{call} ({held})", note=note)

        path = folder / "scores.csv"
        path.write_text("name,score\nann,1\n", encoding="utf-8")
        call = _show("column_mean", "scores.csv", "points")
        expect_raises(ValueError, f, path, "points", call=call, mentions=("points",))

        path = folder / "empty_scores.csv"
        path.write_text("name,score\nann,\nbob,n/a\n", encoding="utf-8")
        call = _show("column_mean", "empty_scores.csv", "score")
        expect_raises(ValueError, f, path, "score", call=call, mentions=("score",))

        path = folder / "blank.csv"
        path.write_text("", encoding="utf-8")
        call = _show("column_mean", "blank.csv", "score")
        expect_raises(ValueError, f, path, "score", call=call, mentions=("score",))

        call = _show("column_mean", "missing.csv", "score")
        expect_raises(FileNotFoundError, f, folder / "missing.csv", "score", call=call)
