"""Checks for m01-errors-files: exceptions, robust reading, atomic writing.

Every file a check needs is written here, in a scratch folder inside the working copy, and
removed afterwards. Standard library only.
"""

from __future__ import annotations

import gc
import json
import math
import os
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from airoadmap.grading.api import Context, check, expect, expect_equal, expect_raises, fail, short

MODULE = "records"


GOOD = {"data": "données/train.csv", "epochs": 5, "learning_rate": 0.01}


# -- helpers -----------------------------------------------------------------------------------


def _has_cause(err: BaseException, cause: type[BaseException], call: str) -> None:
    """`err` must have been raised `from` an exception of type `cause`."""
    if isinstance(err.__cause__, cause):
        return
    if err.__suppress_context__ and err.__cause__ is None:
        fail(
            f"{call} raised {type(err).__name__} `from None`, which hides the original "
            f"{cause.__name__}: write `raise ... from err` to keep it as __cause__."
        )
    if err.__cause__ is None and isinstance(err.__context__, cause):
        fail(
            f"{call} raised {type(err).__name__} inside `except`, but without `from err`: "
            f"write `raise ConfigError(...) from err`, so the original {cause.__name__} "
            "is kept as __cause__ (tracebacks then say 'The above exception was the direct "
            "cause of ...')."
        )
    fail(
        f"{call} raised {type(err).__name__} whose __cause__ is {err.__cause__!r}, expected a "
        f"{cause.__name__}: catch it as `err` and `raise ... from err`."
    )


def _mentions(err: BaseException, part: str, call: str) -> None:
    expect(
        part in str(err),
        f"{call} raised {type(err).__name__}({str(err)!r}): the message should mention {part!r}.",
    )


@contextmanager
def _no_open_files(call: str) -> Iterator[None]:
    """Fail if the code inside leaves a file open (Python warns when it closes one for you)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        yield
        gc.collect()
    for warning in caught:
        if issubclass(warning.category, ResourceWarning) and "unclosed file" in str(
            warning.message
        ):
            fail(
                f"{call} left a file open ({warning.message}). Open files in a `with` "
                "block: `with open(path, encoding='utf-8') as f:` closes it however the "
                "block ends, errors included."
            )


def _reads(func: Callable[..., Any], path: Any, *, call: str) -> Any:
    """Call a reader that must not raise on bad lines."""
    try:
        return func(path)
    except NotImplementedError:
        raise
    except ValueError as err:  # json.JSONDecodeError is a ValueError
        fail(
            f"{call} raised {type(err).__name__}({err}): one bad line must not stop the "
            "reading. Put the try/except around json.loads of each line, inside the loop."
        )


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _load(ctx: Context) -> ModuleType:
    return ctx.load(MODULE)


# -- the exception hierarchy -------------------------------------------------------------------


@check("the config errors form a hierarchy under ConfigError(ValueError)", hint="exceptions")
def check_exceptions(ctx: Context) -> None:
    r = _load(ctx)
    expect(
        issubclass(r.ConfigError, ValueError),
        "ConfigError should stay a subclass of ValueError (as in the starter).",
    )
    for name in ("ConfigSyntaxError", "MissingKeyError", "InvalidValueError"):
        cls = getattr(r, name)
        expect(
            isinstance(cls, type) and issubclass(cls, r.ConfigError),
            f"{name} should be a subclass of ConfigError: `class {name}(ConfigError):`, so "
            "`except ConfigError` catches it.",
        )

    err = r.ConfigSyntaxError("run.json", 3, "Expecting ',' delimiter")
    call = "ConfigSyntaxError('run.json', 3, \"Expecting ',' delimiter\")"
    expect_equal(str(err), "run.json, line 3: Expecting ',' delimiter", call=f"str({call})")
    expect_equal(getattr(err, "line", None), 3, call=f"{call}.line")
    expect(
        isinstance(getattr(err, "path", None), Path) and err.path == Path("run.json"),
        f"{call}.path is {getattr(err, 'path', None)!r}, expected Path('run.json').",
    )
    nested = Path("configs") / "run.json"
    expect_equal(
        str(r.ConfigSyntaxError(nested, 1, "Expecting value")),
        f"{nested}, line 1: Expecting value",
        call="str(ConfigSyntaxError(Path('configs/run.json'), 1, 'Expecting value'))",
    )

    err = r.MissingKeyError("epochs")
    expect_equal(str(err), "missing required key 'epochs'", call="str(MissingKeyError('epochs'))")
    expect_equal(getattr(err, "key", None), "epochs", call="MissingKeyError('epochs').key")

    err = r.InvalidValueError("epochs", 0, "a whole number >= 1")
    call = "InvalidValueError('epochs', 0, 'a whole number >= 1')"
    expect_equal(str(err), "epochs must be a whole number >= 1, got 0", call=f"str({call})")
    expect_equal(getattr(err, "key", None), "epochs", call=f"{call}.key")
    expect_equal(getattr(err, "value", "?"), 0, call=f"{call}.value")
    expect_equal(
        str(r.InvalidValueError("data", "", "a non-empty string")),
        "data must be a non-empty string, got ''",
        call="str(InvalidValueError('data', '', 'a non-empty string'))",
        note="Show the value with repr() (!r), so an empty string is visible.",
    )


# -- configs -----------------------------------------------------------------------------------


@check("validate_config fills defaults and rejects bad keys and values", hint="validate_config")
def check_validate_config(ctx: Context) -> None:
    r = _load(ctx)
    f = r.validate_config
    raw = {"data": "train.csv", "epochs": 3, "learning_rate": 1}
    original = dict(raw)
    call = f"validate_config({raw!r})"
    result = f(raw)
    expect_equal(
        result,
        {"data": "train.csv", "epochs": 3, "learning_rate": 1.0, "batch_size": 32, "seed": 0},
        call=call,
        note="Fill in the defaults: batch_size 32, seed 0.",
    )
    expect(
        type(result["learning_rate"]) is float,
        f"{call} returned learning_rate={result['learning_rate']!r}: convert it with float().",
    )
    expect(raw == original and result is not raw, f"{call} changed its argument: copy it.")
    full = {"data": "x.csv", "epochs": 1, "learning_rate": 1e-4, "batch_size": 1, "seed": -7}
    expect_equal(f(dict(full)), full, call=f"validate_config({full!r})")

    extra = {**raw, "dropout": 0.1}
    err = expect_raises(r.ConfigError, f, extra, call=f"validate_config({extra!r})")
    _mentions(err, "dropout", f"validate_config({extra!r})")

    for key in r.REQUIRED:
        partial = {k: v for k, v in raw.items() if k != key}
        call = f"validate_config({partial!r})"
        err = expect_raises(r.MissingKeyError, f, partial, call=call)
        expect_equal(getattr(err, "key", None), key, call=f"the .key of the error of {call}")

    bad_values: list[tuple[str, Any, str]] = [
        ("data", "", "an empty string"),
        ("data", "   ", "only spaces"),
        ("data", 3, "not a string"),
        ("data", None, "not a string"),
        ("epochs", 0, "below 1"),
        ("epochs", -2, "below 1"),
        ("epochs", 2.5, "not a whole number"),
        ("epochs", "3", "a string, not a number"),
        ("epochs", True, "True is an int in Python, but not a number of epochs"),
        ("learning_rate", 0, "not > 0"),
        ("learning_rate", -0.1, "not > 0"),
        ("learning_rate", "0.01", "a string, not a number"),
        ("learning_rate", False, "a bool, not a number"),
        ("learning_rate", math.nan, "NaN (json.loads reads NaN)"),
        ("learning_rate", math.inf, "not finite"),
        ("batch_size", 0, "below 1"),
        ("batch_size", 1.5, "not a whole number"),
        ("seed", "1", "a string"),
        ("seed", 1.0, "a float, not a whole number"),
        ("seed", None, "not a number"),
    ]
    for key, value, why in bad_values:
        config = {**raw, key: value}
        call = f"validate_config({config!r})"
        err = expect_raises(r.InvalidValueError, f, config, call=call, note=f"{key}: {why}.")
        expect_equal(getattr(err, "key", None), key, call=f"the .key of the error of {call}")


@check("load_config reads a JSON file and validates it", hint="load_config")
def check_load_config(ctx: Context) -> None:
    r = _load(ctx)
    with ctx.scratch() as folder:
        path = folder / "run.json"
        path.write_text(json.dumps(GOOD, ensure_ascii=False, indent=2), encoding="utf-8")
        expected = {**GOOD, "batch_size": 32, "seed": 0}
        expect_equal(r.load_config(path), expected, call=f"load_config(Path('run.json')) of {GOOD}")
        expect_equal(r.load_config(str(path)), expected, call="load_config('.../run.json')")

        cases: list[tuple[str, Any, type[BaseException], str]] = [
            ("epochs.json", {**GOOD, "epochs": 0}, r.InvalidValueError, "epochs"),
            ("short.json", {"data": "x.csv", "epochs": 1}, r.MissingKeyError, "learning_rate"),
        ]
        for name, content, error, key in cases:
            (folder / name).write_text(json.dumps(content), encoding="utf-8")
            call = f"load_config({name!r}) holding {content!r}"
            err = expect_raises(
                error,
                r.load_config,
                folder / name,
                call=call,
                note="Let validate_config's own errors through, unchanged.",
            )
            expect_equal(getattr(err, "key", None), key, call=f"the .key of the error of {call}")

        for name, text in (("list.json", "[1, 2, 3]\n"), ("number.json", "42\n")):
            (folder / name).write_text(text, encoding="utf-8")
            expect_raises(
                r.ConfigError,
                r.load_config,
                folder / name,
                call=f"load_config({name!r}) holding {text!r}",
                note="A config is a JSON object {...}: check its type before validating.",
            )


@check("load_config turns file problems into ConfigError, keeping the cause", hint="raise_from")
def check_load_config_errors(ctx: Context) -> None:
    r = _load(ctx)
    with ctx.scratch() as folder:
        call = "load_config('missing.json') (no such file)"
        err = expect_raises(
            r.ConfigError,
            r.load_config,
            folder / "missing.json",
            call=call,
            note="Catch the OSError and raise ConfigError from it.",
        )
        _mentions(err, "missing.json", call)
        _has_cause(err, FileNotFoundError, call)

        (folder / "adir.json").mkdir()
        call = "load_config('adir.json') (a folder, not a file)"
        err = expect_raises(
            r.ConfigError,
            r.load_config,
            folder / "adir.json",
            call=call,
            note="A folder raises IsADirectoryError, not FileNotFoundError: catch OSError, "
            "the parent of both.",
        )
        _has_cause(err, OSError, call)

        broken = [
            ("comma.json", '{\n  "data": "a.csv",\n  "epochs": 5\n  "learning_rate": 0.1\n}\n', 4),
            ("trailing.json", '{"data": "a.csv", "epochs": 1, "learning_rate": 0.1,\n}\n', 2),
            ("empty.json", "", 1),
        ]
        for name, text, line in broken:
            (folder / name).write_text(text, encoding="utf-8")
            call = f"load_config({name!r}) holding {text!r}"
            err = expect_raises(r.ConfigSyntaxError, r.load_config, folder / name, call=call)
            expect_equal(
                getattr(err, "line", None),
                line,
                call=f"the .line of the error of {call}",
                note="json.JSONDecodeError has the line number: err.lineno.",
            )
            _mentions(err, name, call)
            _mentions(err, f"line {line}", call)
            _has_cause(err, json.JSONDecodeError, call)

        (folder / "latin1.json").write_bytes(b'{"data": "caf\xe9.csv", "epochs": 1}')
        call = "load_config('latin1.json') (saved as Latin-1, not UTF-8)"
        err = expect_raises(
            r.ConfigError,
            r.load_config,
            folder / "latin1.json",
            call=call,
            note="Reading it as UTF-8 raises UnicodeDecodeError (a ValueError, not an OSError).",
        )
        _has_cause(err, UnicodeDecodeError, call)


# -- data files --------------------------------------------------------------------------------

JSONL = (
    '{"id": 1, "text": "good"}\n'
    '{"id": 2, "text": "café ☕"}\n'
    "not json at all\n"
    "\n"
    "   \n"
    '{"id": 3, "text": "cut off\n'
    "[1, 2, 3]\n"
    '"a string"\n'
    '{"id": 4} and more\n'
    '{"id": 5, "nested": {"a": [1, 2]}}\n'
    "null\n"
    '{"id": 6}'
)
JSONL_RECORDS = [
    {"id": 1, "text": "good"},
    {"id": 2, "text": "café ☕"},
    {"id": 5, "nested": {"a": [1, 2]}},
    {"id": 6},
]
JSONL_BAD = [3, 6, 7, 8, 9, 11]


@check("read_jsonl keeps the good records and reports the bad lines", hint="read_jsonl")
def check_read_jsonl(ctx: Context) -> None:
    r = _load(ctx)
    with ctx.scratch() as folder:
        path = folder / "data.jsonl"
        path.write_text(JSONL, encoding="utf-8")
        shown = " | ".join(f"{n}: {line}" for n, line in enumerate(JSONL.split("\n"), 1))
        for arg, shown_arg in ((path, "Path('data.jsonl')"), (str(path), "'data.jsonl'")):
            call = f"read_jsonl({shown_arg})"
            result = _reads(r.read_jsonl, arg, call=call)
            try:
                records, bad = result
            except (TypeError, ValueError):
                fail(f"{call} returned {short(result)}: return (records, bad_lines).")
            expect(
                isinstance(records, list) and isinstance(bad, list),
                f"{call} returned a {type(records).__name__} of records and a "
                f"{type(bad).__name__} of line numbers: return two lists.",
            )
            expect(
                records == JSONL_RECORDS,
                f"{call} returned the records {short(records)}, expected ids 1, 2, 5, 6. "
                f"The file, line by line: {shown}",
            )
            expect(
                bad == JSONL_BAD,
                f"{call} reported the bad lines {bad!r}, expected {JSONL_BAD} (counting from "
                "1, blank lines skipped but counted; JSON that is not an object is bad). "
                f"The file: {shown}",
            )

        cases: list[tuple[str, str, tuple[list[Any], list[int]]]] = [
            ("crlf.jsonl", '{"a": 1}\r\n\r\nbad\r\n{"b": 2}\r\n', ([{"a": 1}, {"b": 2}], [3])),
            ("empty.jsonl", "", ([], [])),
            ("blank.jsonl", "\n\n  \n", ([], [])),
        ]
        for name, text, (want_records, want_bad) in cases:
            (folder / name).write_bytes(text.encode("utf-8"))
            call = f"read_jsonl({name!r}) holding {text!r}"
            records, bad = _reads(r.read_jsonl, folder / name, call=call)
            expect_equal(list(records), want_records, call=f"the records of {call}")
            expect_equal(list(bad), want_bad, call=f"the bad lines of {call}")

        expect_raises(
            FileNotFoundError,
            r.read_jsonl,
            folder / "missing.jsonl",
            call="read_jsonl('missing.jsonl') (no such file)",
            note="A missing file is not a bad line: let the error through.",
        )


@check("files are always closed (with blocks)", hint="with")
def check_files_closed(ctx: Context) -> None:
    r = _load(ctx)
    with ctx.scratch() as folder:
        (folder / "data.jsonl").write_text(JSONL, encoding="utf-8")
        (folder / "good.json").write_text(json.dumps(GOOD), encoding="utf-8")
        (folder / "bad.json").write_text("{oops", encoding="utf-8")
        calls: list[tuple[str, Callable[[], Any]]] = [
            ("read_jsonl('data.jsonl')", lambda: r.read_jsonl(folder / "data.jsonl")),
            ("load_config('good.json')", lambda: r.load_config(folder / "good.json")),
            ("load_config('bad.json')", lambda: r.load_config(folder / "bad.json")),
            (
                "write_json_atomic('out.json', {'a': 1})",
                lambda: r.write_json_atomic(folder / "out.json", {"a": 1}),
            ),
            (
                "write_json_atomic('out.json', {'bad': {1, 2}}) (a set: not JSON)",
                lambda: r.write_json_atomic(folder / "out.json", {"bad": {1, 2}}),
            ),
        ]
        for call, run in calls:
            with _no_open_files(call):
                try:
                    run()
                except NotImplementedError:
                    raise
                except (ValueError, TypeError):
                    pass  # the errors the contract asks for; the other checks test them


@check("write_json_atomic replaces the file in one step, or not at all", hint="atomic")
def check_write_json_atomic(ctx: Context) -> None:
    r = _load(ctx)
    data = {"model": "bert-tiny", "accuracy": 0.91, "labels": ["négatif", "positif"]}
    with ctx.scratch() as folder:
        target = folder / "metrics.json"
        call = f"write_json_atomic('metrics.json', {data!r}) (a new file)"
        r.write_json_atomic(target, data)
        expect(target.is_file(), f"{call} did not create metrics.json.")
        try:
            written = json.loads(target.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            fail(f"After {call} metrics.json is not UTF-8 JSON ({err}).")
        expect_equal(written, data, call=f"json.loads of metrics.json after {call}")
        expect_equal(_listing(folder), ["metrics.json"], call=f"the folder's files after {call}")

        target.write_text('{"old": true}\n', encoding="utf-8")
        inode = os.stat(target).st_ino
        new = {"run": 2, "loss": [0.9, 0.5]}
        call = f"write_json_atomic('metrics.json', {new!r}) over an existing file"
        r.write_json_atomic(str(target), new)
        expect_equal(json.loads(target.read_text(encoding="utf-8")), new, call=f"reading {call}")
        expect(
            os.stat(target).st_ino != inode,
            f"{call} rewrote metrics.json in place: a crash half-way would leave a broken "
            "file. Write a temporary file in the same folder, then os.replace(temporary, path).",
        )
        expect_equal(_listing(folder), ["metrics.json"], call=f"the folder's files after {call}")

        before = target.read_bytes()
        bad = {"run": 3, "classes": {"cat", "dog"}}  # a set: JSON cannot encode it
        call = "write_json_atomic('metrics.json', {'run': 3, 'classes': {'cat', 'dog'}})"
        expect_raises(
            TypeError,
            r.write_json_atomic,
            target,
            bad,
            call=call,
            note="json raises TypeError for a set: let it propagate to the caller.",
        )
        expect(
            target.read_bytes() == before,
            f"{call} failed (a set is not JSON) but changed metrics.json: the old contents "
            "must survive a failed write. Only replace the file once the new one is complete.",
        )
        expect(
            _listing(folder) == ["metrics.json"],
            f"{call} failed and left {_listing(folder)} in the folder: remove the temporary "
            "file when something fails (try/finally).",
        )
        fresh = folder / "never.json"
        expect_raises(
            TypeError, r.write_json_atomic, fresh, bad, call=call.replace("metrics", "never")
        )
        expect(
            _listing(folder) == ["metrics.json"],
            f"A failed write_json_atomic('never.json', ...) left {_listing(folder)}: nothing "
            "should be created when the write fails.",
        )
