"""`airoadmap doctor`: what works on this machine, and what to install for what does not."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import platform
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from airoadmap.workspace import Workspace

PACKAGES = [
    "typer",
    "rich",
    "pydantic",
    "sqlalchemy",
    "alembic",
    "numpy",
    "pandas",
    "scikit-learn",
    "matplotlib",
    "watchfiles",
]


@dataclass(frozen=True)
class Finding:
    """One line of the diagnosis: what, whether it is fine, the detail or the fix."""

    area: str
    name: str
    ok: bool
    detail: str


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def _torch() -> list[Finding]:
    version = _version("torch")
    if version is None:
        return [
            Finding(
                "torch",
                "torch",
                False,
                "not installed (months 7-9): pip install torch==2.13.0",
            )
        ]
    found = [Finding("torch", "torch", version.startswith("2.13.0"), version)]
    try:
        import torch

        if torch.cuda.is_available():
            gpu = torch.cuda.get_device_name(0)
            found.append(Finding("torch", "GPU", True, f"CUDA: {gpu}"))
        else:
            found.append(Finding("torch", "GPU", True, "none: deep-learning months run on the CPU"))
    except Exception as exc:  # a broken torch install must not break the diagnosis
        found.append(Finding("torch", "import", False, f"{type(exc).__name__}: {exc}"))
        return found
    found.append(_run_device())
    return found


def _run_device() -> Finding:
    """The device, threads and precision `airoadmap run m07-cnn` would train with here."""
    try:
        from airoadmap.lab.cnn.device import choose_device

        detail = choose_device("auto").summary()
    except Exception as exc:  # keep diagnosing
        return Finding("torch", "run device", False, f"{type(exc).__name__}: {exc}")
    return Finding("torch", "run device", True, detail)


def _progress_db(ws: Workspace) -> Finding:
    """The progress database: PRAGMA integrity_check of the workspace's SQLite file."""
    import os

    from airoadmap.progress.backup import health
    from airoadmap.progress.store import ENV_URL

    if os.environ.get(ENV_URL, "").strip():
        return Finding("workspace", "progress", True, f"in the database of ${ENV_URL}")
    ok, detail = health(ws.db_path, ws.copies_dir)
    return Finding("workspace", "progress", ok, detail)


def diagnose() -> list[Finding]:
    """Every finding, cheap ones first."""
    py_ok = sys.version_info >= (3, 11)
    found = [Finding("python", "python", py_ok, f"{platform.python_version()} ({sys.executable})")]
    for dist in PACKAGES:
        v = _version(dist)
        found.append(Finding("packages", dist, v is not None, v or f"missing: pip install {dist}"))
    found += _torch()
    try:
        from airoadmap.grading.sandbox import isolation_report

        for name, ok, detail in isolation_report():
            found.append(Finding("sandbox", name, ok, detail))
    except ImportError:  # pragma: no cover - grader always ships
        found.append(Finding("sandbox", "grader", False, "airoadmap.grading.sandbox missing"))
    try:
        from airoadmap.datasets import list_datasets

        for ds in list_datasets():
            found.append(Finding("data", ds.name, ds.available, ds.where))
    except Exception as exc:  # keep diagnosing; the data layer reports its own problem
        found.append(Finding("data", "registry", False, f"{type(exc).__name__}: {exc}"))
    try:
        from airoadmap.workspace import Workspace

        ws = Workspace.find()
        found.append(Finding("workspace", "workspace", True, str(ws.root)))
        found.append(_progress_db(ws))
    except Exception as exc:
        found.append(Finding("workspace", "workspace", False, str(exc)))
    return found
