"""A correct m01-errors-files submission: mkstemp + os.fdopen, a flag in finally, and
one-line checks per key."""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path

REQUIRED = ("data", "epochs", "learning_rate")
DEFAULTS = {"batch_size": 32, "seed": 0}


class ConfigError(ValueError):
    """Base class."""


class ConfigSyntaxError(ConfigError):
    def __init__(self, path, line, detail):
        super().__init__(f"{os.fspath(path)}, line {line}: {detail}")
        self.path, self.line = Path(path), line


class MissingKeyError(ConfigError):
    def __init__(self, key):
        super().__init__(f"missing required key {key!r}")
        self.key = key


class InvalidValueError(ConfigError):
    def __init__(self, key, value, expected):
        super().__init__(f"{key} must be {expected}, got {value!r}")
        self.key = key
        self.value = value


def _int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def validate_config(raw):
    for key in raw:
        if key not in REQUIRED and key not in DEFAULTS:
            raise ConfigError(f"unknown key {key!r}")
    for key in REQUIRED:
        if key not in raw:
            raise MissingKeyError(key)
    out = dict(DEFAULTS)
    out.update(raw)
    if not isinstance(out["data"], str) or not out["data"].strip():
        raise InvalidValueError("data", out["data"], "a non-empty string")
    if not _int(out["epochs"]) or out["epochs"] < 1:
        raise InvalidValueError("epochs", out["epochs"], "a whole number >= 1")
    if not _int(out["batch_size"]) or out["batch_size"] < 1:
        raise InvalidValueError("batch_size", out["batch_size"], "a whole number >= 1")
    if not _int(out["seed"]):
        raise InvalidValueError("seed", out["seed"], "a whole number")
    lr = out["learning_rate"]
    if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not 0 < lr < math.inf:
        raise InvalidValueError("learning_rate", lr, "a finite number > 0")
    out["learning_rate"] = float(lr)
    return out


def load_config(path):
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise ConfigError(f"{path}: {err.strerror}") from err
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ConfigError(f"{path}: not UTF-8") from err
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        raise ConfigSyntaxError(path, err.lineno, err.msg) from err
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: not a JSON object")
    return validate_config(raw)


def read_jsonl(path):
    records, bad = [], []
    with Path(path).open(encoding="utf-8", newline=None) as f:
        number = 0
        for line in f:
            number += 1
            if line.isspace() or not line:
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError:
                bad.append(number)
                continue
            (records if isinstance(value, dict) else bad).append(
                value if isinstance(value, dict) else number
            )
    return records, bad


def write_json_atomic(path, data):
    path = os.fspath(path)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path) or ".")
    done = False
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps(data, ensure_ascii=False, indent=4))
        os.replace(tmp, path)
        done = True
    finally:
        if not done:
            os.remove(tmp)
