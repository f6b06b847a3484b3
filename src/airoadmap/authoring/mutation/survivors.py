"""`mutation.toml`: the surviving mutants an exercise declares harmless, each with why."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

MUTATION_FILE = "mutation.toml"


@dataclass(frozen=True)
class Survivor:
    """A `[[survivor]]` entry of mutation.toml: a mutant that is harmless, and why."""

    key: str
    why: str


def load_survivors(folder: Path) -> dict[str, Survivor]:
    """The `[[survivor]]` entries of `folder/mutation.toml` by key ({} when there is none)."""
    from airoadmap.errors import ContentError

    path = folder / MUTATION_FILE
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: not valid TOML: {exc}") from None
    extra = sorted(set(data) - {"survivor"})
    if extra:
        raise ContentError(f"{path}: unknown table or key {extra[0]!r}: only [[survivor]]")
    found: dict[str, Survivor] = {}
    for number, entry in enumerate(data.get("survivor", []), 1):
        if not isinstance(entry, dict):
            raise ContentError(f"{path}: survivor {number} is not a table: use [[survivor]]")
        unknown = sorted(set(entry) - {"key", "why", "description"})
        key, why = entry.get("key"), entry.get("why")
        if unknown:
            raise ContentError(f"{path}: survivor {number} has an unknown field {unknown[0]!r}")
        if not isinstance(key, str) or not key:
            raise ContentError(f"{path}: survivor {number} needs a key (as `dev mutate` prints)")
        if not isinstance(why, str) or not why.strip():
            raise ContentError(f"{path}: survivor {key} needs a why: what makes it harmless")
        if key in found:
            raise ContentError(f"{path}: survivor {key} is listed twice")
        found[key] = Survivor(key, why.strip())
    return found


# -- running ---------------------------------------------------------------------------------
