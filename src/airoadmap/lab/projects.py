"""Reference projects that `airoadmap run PROJECT` executes on real data.

Each project is a function `(run_dir: Path) -> dict` that writes its artifacts into
`run_dir` (figures as PNG, reports, data) and returns its metrics, saved as metrics.json.
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
            "m01-cleaning",
            "A messy Titanic cleaned by a spec-driven tool, with a report of every change",
            "airoadmap.lab.cleaning.project:run",
        ),
        Project(
            "m02-eda",
            "EDA reports on Titanic and Ames (one self-contained HTML file each)",
            "airoadmap.lab.eda.project:run",
        ),
        Project(
            "m03-linreg",
            "Linear regression from scratch on Ames housing, three ways, against scikit-learn",
            "airoadmap.lab.linreg.project:run",
        ),
        Project(
            "m04-titanic",
            "Titanic: four models compared by stratified cross-validation",
            "airoadmap.lab.titanic.project:run",
        ),
        Project(
            "m04-spam",
            "SMS spam: TF-IDF with naive Bayes, linear SVM and logistic regression",
            "airoadmap.lab.spam.project:run",
        ),
        Project(
            "m05-segmentation",
            "CDNOW customers segmented by RFM and K-Means, profiled with actions",
            "airoadmap.lab.segmentation.project:run",
        ),
        Project(
            "m06-pipeline",
            "Config-driven ML pipeline with data validation and MLflow tracking and registry",
            "airoadmap.lab.pipeline.project:run",
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


def run(project_id: str, out: Path | None = None, **options: Any) -> Path:
    """Run a project into a fresh timestamped folder; returns the folder.

    `options` (e.g. `config=Path`, `compare=True`) go to projects that accept them; a project
    that does not accept one says so in one line.
    """
    if project_id not in PROJECTS:
        raise UnknownIdError("project", project_id, sorted(PROJECTS))
    entry = PROJECTS[project_id].load()
    accepted = inspect.signature(entry).parameters
    for name in options:
        if name not in accepted:
            raise AiroadmapError(f"{project_id} takes no --{name} option.")
    run_dir = _fresh_run_dir((out or default_runs_dir()) / project_id)
    metrics = entry(run_dir, **options)
    (run_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return run_dir


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
