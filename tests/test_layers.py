"""Who may import whom: the package's layers, read from every import in the source.

The cli is the top: nothing below imports it (it imports them and prints what they return).
The grader and its check kit never import the reference projects (`lab`), and the lab never
imports the grader: the content's checks depend on the kit, the lab on neither. `progress`
stores results (`airoadmap.results`) without importing the grader, and neither knows cohorts.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import airoadmap

SRC = Path(airoadmap.__file__).parent


def _module(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module an import statement names, at any depth (lazy imports too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


SOURCES = {
    _module(p): _imports(p)
    for p in sorted(SRC.rglob("*.py"))
    if "content" not in p.relative_to(SRC).parts
}

# (importer, imported, exceptions): no module under `importer` imports one under `imported`,
# except the modules named in `exceptions` (and `imported`'s own modules).
RULES = [
    ("airoadmap.lab", "airoadmap.grading", ()),
    ("airoadmap.grading", "airoadmap.lab", ()),
    ("airoadmap.progress", "airoadmap.grading", ()),
    ("airoadmap", "airoadmap.cli", ("airoadmap",)),  # the lazy `from airoadmap import check`
    # Cohorts sit on top of a learner's own store: the store and the grader never import them
    # (a check syncs through checking.py), and the cohort code never imports the web app.
    ("airoadmap.progress", "airoadmap.cohort", ()),
    ("airoadmap.grading", "airoadmap.cohort", ()),
    ("airoadmap.cohort", "airoadmap.web", ()),
]


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


@pytest.mark.parametrize(("importer", "imported", "allowed"), RULES)
def test_layer_rule(importer: str, imported: str, allowed: tuple[str, ...]) -> None:
    broken = sorted(
        f"{module} imports {name}"
        for module, names in SOURCES.items()
        if _under(module, importer) and not _under(module, imported) and module not in allowed
        for name in names
        if _under(name, imported)
    )
    assert broken == []


def test_the_scan_sees_lazy_imports() -> None:
    assert "airoadmap.cli.notebook" in SOURCES["airoadmap"]  # inside __getattr__
    assert "airoadmap.grading.kit.fence" in SOURCES["airoadmap.grading.kit.modelcheck"]


def test_content_checks_use_the_kit_not_the_lab_helpers() -> None:
    gone = ("airoadmap.lab.fence", "airoadmap.lab.modelcheck", "airoadmap.lab.titanic.data",
            "airoadmap.lab.spam.data")
    for checks in sorted((SRC / "content" / "exercises").glob("*/checks.py")):
        names = _imports(checks)
        assert not [n for n in names if any(_under(n, g) for g in gone)], checks
