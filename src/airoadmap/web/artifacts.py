"""Run folders under <workspace>/runs/<project>/<run>/ and the files in them, read safely.

Every path that comes from a URL goes through `safe_file` or `find_run`: it must name a
plain file (or folder) that, once every symlink is resolved, lies inside the runs folder.
Anything else (``..``, an absolute path, a NUL byte, a symlink pointing outside) reads as
missing: the routes answer 404 and never touch the file.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIGURE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
MAX_FILES = 400  # files listed per run; a run with more shows the first ones
MAX_DEPTH = 4  # folder levels walked inside a run
MAX_TEXT_BYTES = 1_000_000  # markdown / JSON shown inline up to this size


def _plain_parts(rel: str) -> list[str] | None:
    """The segments of a relative URL path, or None if any is empty, '.', '..' or odd."""
    if not rel or "\x00" in rel or "\\" in rel or rel.startswith("/"):
        return None
    parts = rel.split("/")
    if any(p in ("", ".", "..") for p in parts):
        return None
    return parts


def _inside(root: Path, path: Path) -> Path | None:
    """`path` with symlinks resolved if it exists and lies inside `root` (resolved)."""
    try:
        real_root = root.resolve(strict=True)
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a symlink loop
        return None
    return real if real.is_relative_to(real_root) else None


def safe_file(root: Path, rel: str) -> Path | None:
    """The regular file `rel` (a '/'-separated relative path) names inside `root`, or None."""
    parts = _plain_parts(rel)
    if parts is None:
        return None
    real = _inside(root, root.joinpath(*parts))
    return real if real is not None and real.is_file() else None


@dataclass(frozen=True)
class Artifact:
    """One file of a run: its path relative to the runs folder (the URL) and its size."""

    rel: str
    name: str  # relative to the run folder
    size: int

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()


@dataclass(frozen=True)
class RunFiles:
    """A run's files, sorted into what the run page shows and how."""

    figures: list[Artifact] = field(default_factory=list)
    html: list[Artifact] = field(default_factory=list)
    markdown: list[Artifact] = field(default_factory=list)
    other: list[Artifact] = field(default_factory=list)
    truncated: bool = False

    @property
    def count(self) -> int:
        return len(self.figures) + len(self.html) + len(self.markdown) + len(self.other)


@dataclass(frozen=True)
class Run:
    """One run folder: runs/<project>/<name>/ (name: the UTC time it started)."""

    project: str
    name: str
    path: Path

    @property
    def rel(self) -> str:
        return f"{self.project}/{self.name}"

    @property
    def started(self) -> str:
        """'2026-11-21 02:40:06 UTC' from a name like 20261121-024006[-1]; else the name."""
        stamp = self.name.split("-")
        if len(stamp) >= 2 and len(stamp[0]) == 8 and len(stamp[1]) == 6:
            d, t = stamp[0], stamp[1]
            if (d + t).isdigit():
                return f"{d[:4]}-{d[4:6]}-{d[6:]} {t[:2]}:{t[2:4]}:{t[4:]} UTC"
        return self.name

    def files(self) -> RunFiles:
        """The run's files (symlinks leading outside the runs folder left out)."""
        runs_root = self.path.parent.parent
        out = RunFiles()
        seen = 0
        truncated = False
        for folder, dirs, names in os.walk(self.path):
            here = Path(folder)
            depth = len(here.relative_to(self.path).parts)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if depth < MAX_DEPTH else []
            for name in sorted(names):
                if name.startswith("."):
                    continue
                real = _inside(runs_root, here / name)
                if real is None or not real.is_file():
                    continue
                if seen >= MAX_FILES:
                    truncated = True
                    break
                seen += 1
                inner = (here / name).relative_to(self.path).as_posix()
                art = Artifact(f"{self.rel}/{inner}", inner, real.stat().st_size)
                if art.suffix in FIGURE_SUFFIXES:
                    out.figures.append(art)
                elif art.suffix in HTML_SUFFIXES:
                    out.html.append(art)
                elif art.suffix == ".md":
                    out.markdown.append(art)
                else:
                    out.other.append(art)
        # report.md first, then the others by name
        out.markdown.sort(key=lambda a: (a.name != "report.md", a.name))
        return RunFiles(out.figures, out.html, out.markdown, out.other, truncated)

    def metrics(self) -> Any:
        """metrics.json's content; None when missing, too big or not JSON."""
        path = self.path / "metrics.json"
        real = _inside(self.path, path)
        if real is None or not real.is_file() or real.stat().st_size > MAX_TEXT_BYTES:
            return None
        try:
            return json.loads(real.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return None


def _is_name(text: str) -> bool:
    return _plain_parts(text) == [text] and not text.startswith(".")


def find_run(runs_dir: Path, project: str, name: str) -> Run | None:
    """The run folder runs/<project>/<name>, or None (also for names that try to escape)."""
    if not (_is_name(project) and _is_name(name)):
        return None
    real = _inside(runs_dir, runs_dir / project / name)
    if real is None or not real.is_dir():
        return None
    return Run(project, name, runs_dir / project / name)


def project_runs(runs_dir: Path, project: str) -> list[Run]:
    """The runs of one project, newest first (names are UTC times, so they sort)."""
    if not _is_name(project):
        return []
    folder = runs_dir / project
    if _inside(runs_dir, folder) is None or not folder.is_dir():
        return []
    runs = []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for name in names:
        run = find_run(runs_dir, project, name)
        if run is not None:
            runs.append(run)
    return sorted(runs, key=lambda r: r.name, reverse=True)


def all_runs(runs_dir: Path) -> dict[str, list[Run]]:
    """Every project folder under runs/ with its runs, newest first; projects by name."""
    try:
        projects = sorted(os.listdir(runs_dir))
    except OSError:
        return {}
    found = {p: project_runs(runs_dir, p) for p in projects if _is_name(p)}
    return {p: runs for p, runs in found.items() if runs}


SUMMARY_KEYS = ("summary", "metrics", "holdout", "results")


def _scalar(value: Any) -> bool:
    return isinstance(value, bool | int | float) or (isinstance(value, str) and len(value) <= 40)


def flat_metrics(data: Any, limit: int = 8) -> list[tuple[str, Any]]:
    """The headline numbers of a metrics document: its top-level scalars, then those of a
    `summary` (or `metrics`, `holdout`, `results`) table, with dotted keys; at most `limit`.
    Deeper data (per-model lists, settings) stays in the full metrics.json."""
    if not isinstance(data, dict):
        return [("value", data)] if _scalar(data) else []
    out = [(str(k), v) for k, v in data.items() if _scalar(v)]
    for key in SUMMARY_KEYS:
        inner = data.get(key)
        if isinstance(inner, dict):
            out += [(f"{key}.{k}", v) for k, v in inner.items() if _scalar(v)]
    return out[:limit]
