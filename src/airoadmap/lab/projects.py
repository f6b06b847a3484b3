"""Reference projects that `airoadmap run PROJECT` executes on real data.

An exercise declares its project in the `[project]` table of its exercise.toml (a title, and
the entry "module:function"); `projects()` reads them from the curriculum. Each project is a
function `(run_dir: Path) -> dict` that writes its artifacts into `run_dir` (figures as PNG,
reports, data) and returns its metrics, saved as metrics.json.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from airoadmap.errors import AiroadmapError, UnknownIdError
from airoadmap.lab.stages import Listener, listening, stage


@dataclass(frozen=True)
class Project:
    """A reference project: id, title, and the function that runs it."""

    id: str
    title: str
    entry: str  # "module:function", imported only when the project runs
    headline: tuple[str, ...] = ()  # metrics `run` ends with (exercise.toml [project])

    def load(self) -> Callable[[Path], dict[str, Any]]:
        import importlib

        module, func = self.entry.split(":")
        entry: Callable[[Path], dict[str, Any]] = getattr(importlib.import_module(module), func)
        return entry


def projects(root: Path | None = None) -> dict[str, Project]:
    """Every reference project, by exercise id: the `[project]` tables of exercise.toml."""
    from airoadmap.curriculum.loader import curriculum, load_curriculum

    cur = curriculum() if root is None else load_curriculum(root)
    found: dict[str, Project] = {}
    for eid, ex in sorted(cur.exercises.items()):
        if ex.project is not None:
            main = ex.project
            found[eid] = Project(eid, main.title, main.entry, tuple(main.headline))
        for extra in ex.extra_projects:
            found[extra.id] = Project(extra.id, extra.title, extra.entry, tuple(extra.headline))
    return dict(sorted(found.items()))


def default_runs_dir() -> Path:
    """The workspace's runs/ folder, or ./runs when there is no workspace."""
    from airoadmap.errors import WorkspaceError
    from airoadmap.workspace import Workspace

    try:
        return Workspace.find().runs_dir
    except WorkspaceError:
        return Path.cwd() / "runs"


def run(
    project_id: str, out: Path | None = None, *, on_stage: Listener | None = None, **options: Any
) -> Path:
    """Run a project into a fresh timestamped folder; returns the folder.

    `options` (e.g. `config=Path`, `compare=True`) go to projects that accept them; a project
    that does not accept one says so in one line. `on_stage` hears each stage the project
    announces (lab/stages.py), from loading its code to writing metrics.json.
    """
    known = projects()
    if project_id not in known:
        raise UnknownIdError("project", project_id, sorted(known))
    with listening(on_stage):
        stage("loading the project's code and libraries")
        entry = known[project_id].load()
        accepted = inspect.signature(entry).parameters
        for name in options:
            if name not in accepted:
                raise AiroadmapError(f"{project_id} takes no --{name} option.")
        run_dir = _fresh_run_dir((out or default_runs_dir()) / project_id)
        try:
            metrics = entry(run_dir, **options)
        except BaseException:
            _remove_if_empty(run_dir)  # a run that stopped before writing leaves no trace
            raise
        stage("writing metrics.json")
        text = json.dumps(metrics, indent=2) + "\n"
        (run_dir / "metrics.json").write_text(text, encoding="utf-8")
    return run_dir


def metric_at(metrics: Any, path: str) -> Any:
    """The value at a dotted path of a metrics document ('holdout.f1'), or None."""
    value = metrics
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _headline_value(value: Any) -> bool:
    return isinstance(value, int | float | str) and not isinstance(value, bool)


def headline(project: Project, metrics: Any, limit: int = 4) -> list[tuple[str, Any]]:
    """(name, value) of the numbers a run ends with: the project's declared `headline`
    metrics that it returned; without a declaration, its first top-level numbers."""
    if project.headline:
        found = [(path, metric_at(metrics, path)) for path in project.headline]
        return [(path, value) for path, value in found if _headline_value(value)]
    if not isinstance(metrics, dict):
        return []
    numbers = [(str(k), v) for k, v in metrics.items() if isinstance(v, int | float)]
    return [(k, v) for k, v in numbers if not isinstance(v, bool)][:limit]


def _remove_if_empty(folder: Path) -> None:
    """Remove the run folder, and the project's folder above it, where they are empty."""
    for path in (folder, folder.parent):
        try:
            path.rmdir()
        except OSError:
            return  # not empty: what the run wrote before it stopped is kept


def _fresh_run_dir(parent: Path) -> Path:
    """A new folder named by the UTC time (a suffix when two runs share a second)."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    for n in range(100):
        run_dir = parent / (stamp if n == 0 else f"{stamp}-{n}")
        try:
            run_dir.mkdir(parents=True, exist_ok=False)
            return run_dir
        except FileExistsError:
            continue
        except OSError as exc:
            raise AiroadmapError(
                f"Cannot create the run folder {run_dir}: {exc.strerror}."
            ) from exc
    raise AiroadmapError(f"Cannot create a new run folder under {parent}: too many runs at once.")
