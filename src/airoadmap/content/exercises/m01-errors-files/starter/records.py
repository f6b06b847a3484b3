"""Reading a training config and a data file robustly, and writing results safely.

Three habits of reliable data code: turn low-level failures into errors that say what is
wrong and where (keeping the original as the cause), skip and report bad records instead of
crashing on the first one, and never leave a half-written file behind.

Replace every `raise NotImplementedError` under a "# TODO:" with your code, then run
`airoadmap check m01-errors-files`. Import what you need from the standard library (json,
math, os, ...) at the top.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

PathLike = str | os.PathLike[str]

REQUIRED = ("data", "epochs", "learning_rate")
DEFAULTS: dict[str, Any] = {"batch_size": 32, "seed": 0}


# -- the exception hierarchy -------------------------------------------------------------------


class ConfigError(ValueError):
    """Something is wrong with a configuration: its file, its syntax or its values.

    `except ConfigError` catches every error below; being a ValueError, so does
    `except ValueError`.
    """


class ConfigSyntaxError(ConfigError):
    """The config file is not valid JSON; `path` and `line` say where.

    >>> str(ConfigSyntaxError("run.json", 3, "Expecting ',' delimiter"))
    "run.json, line 3: Expecting ',' delimiter"
    """

    def __init__(self, path: PathLike, line: int, detail: str) -> None:
        # TODO: pass the message to super().__init__, then store self.path (a Path) and
        # self.line.
        raise NotImplementedError("ConfigSyntaxError.__init__")


class MissingKeyError(ConfigError):
    """A required key is absent; `key` names it.

    >>> str(MissingKeyError("epochs"))
    "missing required key 'epochs'"
    """

    def __init__(self, key: str) -> None:
        # TODO: pass the message to super().__init__, then store self.key.
        raise NotImplementedError("MissingKeyError.__init__")


class InvalidValueError(ConfigError):
    """A value has the wrong type or is out of range; `key` and `value` say which.

    >>> str(InvalidValueError("epochs", 0, "a whole number >= 1"))
    'epochs must be a whole number >= 1, got 0'
    """

    def __init__(self, key: str, value: Any, expected: str) -> None:
        # TODO: pass the message to super().__init__, then store self.key and self.value.
        raise NotImplementedError("InvalidValueError.__init__")


# -- configs -----------------------------------------------------------------------------------


def validate_config(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Check a parsed config; return a new dict with the defaults filled in.

    Keys: "data" (required): a non-empty string; "epochs" (required): a whole number >= 1;
    "learning_rate" (required): a finite number > 0, returned as a float; "batch_size"
    (default 32): a whole number >= 1; "seed" (default 0): a whole number. Booleans are not
    numbers here. Raises ConfigError naming any unknown key, MissingKeyError for a missing
    required key, InvalidValueError for a bad value. `raw` is left unchanged.

    >>> validate_config({"data": "train.csv", "epochs": 3, "learning_rate": 1})
    {'data': 'train.csv', 'epochs': 3, 'learning_rate': 1.0, 'batch_size': 32, 'seed': 0}
    """
    # TODO: unknown keys, then missing keys, then each value; return a new dict.
    raise NotImplementedError("validate_config")


def load_config(path: PathLike) -> dict[str, Any]:
    """Read a JSON config file and return it validated (see `validate_config`).

    Every problem is a ConfigError: a file that cannot be read (missing, a folder, not
    UTF-8) gives a ConfigError naming the path; invalid JSON a ConfigSyntaxError with the
    line; a top level that is not an object a ConfigError; bad contents the errors of
    validate_config. Errors caused by another exception keep it as `__cause__`.
    """
    # TODO: read, parse, check the top level, validate; `raise ... from err` in each except.
    raise NotImplementedError("load_config")


# -- data files --------------------------------------------------------------------------------


def read_jsonl(path: PathLike) -> tuple[list[dict[str, Any]], list[int]]:
    """Read a JSON Lines file (one JSON object per line): (records, bad line numbers).

    Blank lines are skipped. A line that is not valid JSON, or is JSON but not an object,
    is skipped and its number (counting from 1) reported. A missing file raises
    FileNotFoundError: that is the caller's problem, not a bad line.
    """
    # TODO: open the file in a `with` block and parse it line by line.
    raise NotImplementedError("read_jsonl")


def write_json_atomic(path: PathLike, data: Any) -> None:
    """Write `data` as JSON (UTF-8, indented) to `path`, all or nothing.

    The JSON goes to a temporary file in the same folder, which then replaces `path` in one
    step (os.replace). If anything fails (say `data` holds something JSON cannot encode),
    the error propagates, `path` keeps its old contents and no temporary file is left.
    """
    # TODO: write a temporary file next to `path`, then os.replace it onto `path`; remove
    # the temporary file if anything fails.
    raise NotImplementedError("write_json_atomic")
