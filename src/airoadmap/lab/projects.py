"""Reference projects that `airoadmap run PROJECT` executes on real data.

Each project is a function `(run_dir: Path) -> dict` that writes its artifacts into
`run_dir` (figures as PNG, reports, data) and returns its metrics, saved as metrics.json.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from airoadmap.errors import AiroadmapError, UnknownIdError


@dataclass(frozen=True)
class Project:
    """A reference project: id, title, and the function that runs it."""

    id: str
    title: str
    entry: str  # "module:function", imported only when the project runs

    def load(self) -> Callable[[Path], dict[str, Any]]:
        import importlib

        module, func = self.entry.split(":")
        entry: Callable[[Path], dict[str, Any]] = getattr(importlib.import_module(module), func)
        return entry


PROJECTS: dict[str, Project] = {
    p.id: p
    for p in [
        Project(
            "m03-linreg",
            "Linear regression from scratch on Ames housing, three ways",
            "airoadmap.lab.linreg_project:run",
        ),
    ]
}


def default_runs_dir() -> Path:
    """The workspace's runs/ folder, or ./runs when there is no workspace."""
    from airoadmap.errors import WorkspaceError
    from airoadmap.workspace import Workspace

    try:
        return Workspace.find().runs_dir
    except WorkspaceError:
        return Path.cwd() / "runs"


def run(project_id: str, out: Path | None = None) -> Path:
    """Run a project into a fresh timestamped folder; returns the folder."""
    if project_id not in PROJECTS:
        raise UnknownIdError("project", project_id, sorted(PROJECTS))
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    run_dir = (out or default_runs_dir()) / project_id / stamp
    try:
        run_dir.mkdir(parents=True, exist_ok=False)
    except OSError as exc:
        raise AiroadmapError(f"Cannot create the run folder {run_dir}: {exc.strerror}.") from exc
    metrics = PROJECTS[project_id].load()(run_dir)
    (run_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return run_dir
