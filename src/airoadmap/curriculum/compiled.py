"""The curriculum compiled to JSON, so that `airoadmap check` starts without pydantic.

Loading the curriculum means parsing its TOML files and validating them with pydantic, which
costs more than checking a small exercise. The full loader's result (validated) is written
once to `<cache dir>/curriculum/<key>.json`, where `key` hashes every TOML file of the
content, the package version and this format; `load()` reads it back as read-only attribute
views with the same fields and values as the models (`Node`), or returns None when there is
no file for the content as it is now: the caller then loads the full curriculum.

Standard library only; `save` is the one function that sees pydantic models.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import airoadmap
from airoadmap.curriculum.paths import content_root

FORMAT = 1
CACHE_ENV = "AIROADMAP_CACHE_DIR"  # as the data sets' cache (datasets/_store.py)
_MODEL = "$model"


def cache_dir() -> Path:
    """airoadmap's user cache folder: $AIROADMAP_CACHE_DIR, else the platform's (what
    platformdirs.user_cache_dir("airoadmap") says, without importing it)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "airoadmap"
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "airoadmap"


def _toml_files(root: Path) -> Iterator[Path]:
    yield root / "roadmap.toml"
    yield from sorted((root / "months").glob("m*.toml"))
    yield from sorted((root / "exercises").glob("*/exercise.toml"))


def content_key(root: Path | None = None) -> str:
    """A hash of everything the compiled curriculum is made from."""
    root = root or content_root()
    digest = hashlib.sha256(f"{FORMAT}\0{airoadmap.__version__}\0".encode())
    for path in _toml_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def cache_file(key: str) -> Path:
    return cache_dir() / "curriculum" / f"{key}.json"


def save(cur: Any, root: Path | None = None) -> Path | None:
    """Write the compiled form of `cur` (a validated Curriculum) unless it is there already;
    remove the files of older content. Returns the file, or None if it cannot be written."""
    try:
        target = cache_file(content_key(root))
        if target.is_file():
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(_encode(cur), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)
        for old in target.parent.glob("*.json"):
            if old != target:
                old.unlink(missing_ok=True)
        return target
    except OSError:
        return None  # a read-only cache: `check` then loads the full curriculum


def load(root: Path | None = None) -> CompiledCurriculum | None:
    """The compiled curriculum of the content as it is now, or None."""
    try:
        text = cache_file(content_key(root)).read_text(encoding="utf-8")
        data = _decode(json.loads(text))
    except (OSError, ValueError):
        return None
    if not isinstance(data, Node):
        return None
    return CompiledCurriculum(data._fields)


def _encode(value: Any) -> Any:
    """JSON data for a pydantic model tree: models become {"$model": {field: value}}."""
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:
        return {_MODEL: {name: _encode(getattr(value, name)) for name in fields}}
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) == 1 and _MODEL in value:
            return Node({k: _decode(v) for k, v in value[_MODEL].items()})
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


class Node:
    """A read-only view of one model: its fields as attributes, `model_dump` as pydantic's."""

    __slots__ = ("_fields",)

    def __init__(self, fields: dict[str, Any]) -> None:
        object.__setattr__(self, "_fields", fields)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._fields[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Node) and self._fields == other._fields

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self._fields.items())})"

    def model_dump(self, *, mode: str = "python", exclude_none: bool = False) -> dict[str, Any]:
        """The fields as plain data (`mode` is accepted for pydantic's signature)."""

        def plain(value: Any) -> Any:
            if isinstance(value, Node):
                return value.model_dump(mode=mode, exclude_none=exclude_none)
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            if isinstance(value, list):
                return [plain(v) for v in value]
            return value

        return {
            k: plain(v) for k, v in self._fields.items() if not (exclude_none and v is None)
        }


class CompiledCurriculum(Node):
    """The curriculum's fields (roadmap, months, exercises) and the methods of Curriculum."""

    __slots__ = ()

    def month(self, number: int) -> Any:
        return next(m for m in self.months if m.number == number)

    def ordered_exercises(self) -> list[Any]:
        """Exercises in roadmap order (month by month, in each month's listed order)."""
        return [self.exercises[e] for m in self.months for e in m.exercises if e in self.exercises]
