"""A correct m01-errors-files submission: a table of validators, open() + json.load,
splitlines, tempfile.NamedTemporaryFile with an except-and-re-raise cleanup."""

import json
import math
import os
import tempfile
from pathlib import Path

REQUIRED = ("data", "epochs", "learning_rate")
DEFAULTS = {"batch_size": 32, "seed": 0}


class ConfigError(ValueError):
    pass


class ConfigSyntaxError(ConfigError):
    def __init__(self, path, line, detail):
        self.path = Path(path)
        self.line = line
        super().__init__(f"{self.path}, line {line}: {detail}")


class MissingKeyError(ConfigError):
    def __init__(self, key):
        self.key = key
        super().__init__(f"missing required key {key!r}")


class InvalidValueError(ConfigError):
    def __init__(self, key, value, expected):
        self.key, self.value = key, value
        super().__init__(f"{key} must be {expected}, got {value!r}")


def _whole(minimum=None):
    def ok(v):
        if type(v) is not int:
            return False
        return minimum is None or v >= minimum

    return ok


def _rate(v):
    return type(v) in (int, float) and math.isfinite(v) and v > 0


RULES = {
    "data": (lambda v: isinstance(v, str) and v.strip() != "", "a non-empty string"),
    "epochs": (_whole(1), "a whole number >= 1"),
    "learning_rate": (_rate, "a finite number > 0"),
    "batch_size": (_whole(1), "a whole number >= 1"),
    "seed": (_whole(), "a whole number"),
}


def validate_config(raw):
    extra = [k for k in raw if k not in RULES]
    if extra:
        raise ConfigError("unknown keys: " + ", ".join(extra))
    missing = [k for k in REQUIRED if k not in raw]
    if missing:
        raise MissingKeyError(missing[0])
    config = {**DEFAULTS, **raw}
    for key, (ok, expected) in RULES.items():
        if not ok(config[key]):
            raise InvalidValueError(key, config[key], expected)
    config["learning_rate"] = float(config["learning_rate"])
    return config


def load_config(path):
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as f:
            raw = json.load(f)
    except json.JSONDecodeError as e:
        raise ConfigSyntaxError(path, e.lineno, e.msg) from e
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path} is not UTF-8") from e
    except OSError as e:
        raise ConfigError(f"cannot open {path}: {e}") from e
    if type(raw) is not dict:
        raise ConfigError(f"{path} must hold a JSON object")
    return validate_config(raw)


def read_jsonl(path):
    text = Path(path).read_text(encoding="utf-8")
    good, bad = [], []
    for i, line in enumerate(text.splitlines(), 1):
        if line.strip() == "":
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("not an object")
        except ValueError:
            bad.append(i)
        else:
            good.append(obj)
    return good, bad


def write_json_atomic(path, data):
    path = Path(path)
    tmp = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed by `with tmp:` below)
        "w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False
    )
    try:
        with tmp:
            json.dump(data, tmp, indent=2)
        os.replace(tmp.name, path)
    except BaseException:
        os.unlink(tmp.name)
        raise
