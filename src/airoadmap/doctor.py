"""`airoadmap doctor`: what works on this machine, and what to install for what does not."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import platform
import sys
from dataclasses import dataclass

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
                "not installed (months 7-9): pip install -c constraints.txt torch==2.13.0",
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


def diagnose() -> list[Finding]:
    """Every finding, cheap ones first."""
    py_ok = sys.version_info >= (3, 11)
    found = [Finding("python", "python", py_ok, f"{platform.python_version()} ({sys.executable})")]
    for dist in PACKAGES:
        v = _version(dist)
        found.append(Finding("packages", dist, v is not None, v or "missing: run `make run`"))
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
    except Exception as exc:
        found.append(Finding("workspace", "workspace", False, str(exc)))
    return found


def render(findings: list[Finding]) -> None:
    from rich.table import Table

    from airoadmap.cli.render import console

    table = Table(title="airoadmap doctor", title_justify="left")
    for col in ("Area", "Item", "", "Detail"):
        table.add_column(col)
    for f in findings:
        table.add_row(f.area, f.name, "[green]✔[/]" if f.ok else "[red]✘[/]", f.detail)
    console().print(table)
