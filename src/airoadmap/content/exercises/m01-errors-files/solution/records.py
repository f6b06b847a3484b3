"""Reading a training config and a data file robustly, and writing results safely.

Three habits of reliable data code: turn low-level failures into errors that say what is
wrong and where (keeping the original as the cause), skip and report bad records instead of
crashing on the first one, and never leave a half-written file behind.
"""

from __future__ import annotations

import json
import math
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
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
        super().__init__(f"{os.fspath(path)}, line {line}: {detail}")
        self.path = Path(path)
        self.line = line


class MissingKeyError(ConfigError):
    """A required key is absent; `key` names it.

    >>> str(MissingKeyError("epochs"))
    "missing required key 'epochs'"
    """

    def __init__(self, key: str) -> None:
        super().__init__(f"missing required key {key!r}")
        self.key = key


class InvalidValueError(ConfigError):
    """A value has the wrong type or is out of range; `key` and `value` say which.

    >>> str(InvalidValueError("epochs", 0, "a whole number >= 1"))
    'epochs must be a whole number >= 1, got 0'
    """

    def __init__(self, key: str, value: Any, expected: str) -> None:
        super().__init__(f"{key} must be {expected}, got {value!r}")
        self.key = key
        self.value = value


# -- configs -----------------------------------------------------------------------------------


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)  # True is an int in Python


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


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
    unknown = sorted(set(raw) - set(REQUIRED) - set(DEFAULTS))
    if unknown:
        known = ", ".join(sorted([*REQUIRED, *DEFAULTS]))
        raise ConfigError(f"unknown key(s) {', '.join(map(repr, unknown))} (known: {known})")
    for key in REQUIRED:
        if key not in raw:
            raise MissingKeyError(key)
    config = dict(raw)  # a copy: the caller's dict stays as it was
    for key, default in DEFAULTS.items():
        config.setdefault(key, default)

    data = config["data"]
    if not (isinstance(data, str) and data.strip()):
        raise InvalidValueError("data", data, "a non-empty string")
    for key, low in (("epochs", 1), ("batch_size", 1)):
        if not (_is_int(config[key]) and config[key] >= low):
            raise InvalidValueError(key, config[key], f"a whole number >= {low}")
    if not _is_int(config["seed"]):
        raise InvalidValueError("seed", config["seed"], "a whole number")
    rate = config["learning_rate"]
    if not (_is_number(rate) and math.isfinite(rate) and rate > 0):
        raise InvalidValueError("learning_rate", rate, "a finite number > 0")
    config["learning_rate"] = float(rate)
    return config


def load_config(path: PathLike) -> dict[str, Any]:
    """Read a JSON config file and return it validated (see `validate_config`).

    Every problem is a ConfigError: a file that cannot be read (missing, a folder, not
    UTF-8) gives a ConfigError naming the path; invalid JSON a ConfigSyntaxError with the
    line; a top level that is not an object a ConfigError; bad contents the errors of
    validate_config. Errors caused by another exception keep it as `__cause__`.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise ConfigError(f"cannot read config file {path}: {reason}") from err
    except UnicodeDecodeError as err:
        raise ConfigError(f"config file {path} is not UTF-8 text: {err.reason}") from err
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        raise ConfigSyntaxError(path, err.lineno, err.msg) from err
    if not isinstance(raw, dict):
        kind = type(raw).__name__
        raise ConfigError(f"{path}: expected a JSON object {{...}} at the top, got a {kind}")
    return validate_config(raw)


# -- data files --------------------------------------------------------------------------------


def read_jsonl(path: PathLike) -> tuple[list[dict[str, Any]], list[int]]:
    """Read a JSON Lines file (one JSON object per line): (records, bad line numbers).

    Blank lines are skipped. A line that is not valid JSON, or is JSON but not an object,
    is skipped and its number (counting from 1) reported. A missing file raises
    FileNotFoundError: that is the caller's problem, not a bad line.
    """
    records: list[dict[str, Any]] = []
    bad_lines: list[int] = []
    with open(path, encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                bad_lines.append(number)
            else:
                if isinstance(record, dict):
                    records.append(record)
                else:
                    bad_lines.append(number)
    return records, bad_lines


def write_json_atomic(path: PathLike, data: Any) -> None:
    """Write `data` as JSON (UTF-8, indented) to `path`, all or nothing.

    The JSON goes to a temporary file in the same folder, which then replaces `path` in one
    step (os.replace). If anything fails (say `data` holds something JSON cannot encode),
    the error propagates, `path` keeps its old contents and no temporary file is left.
    """
    target = Path(path)
    # Same folder: os.replace is atomic only within one file system. A random name, opened
    # with "x" (create, never overwrite), cannot clash with another writer's.
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        with open(temporary, "x", encoding="utf-8") as file:
            json.dump(data, file, indent=2, ensure_ascii=False)
            file.write("\n")
            file.flush()
            os.fsync(file.fileno())  # on disk before the rename, even if the power fails
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)  # gone after a successful replace; else clean up
