"""A library the checks need, imported on first use, or one line saying how to install it."""

from __future__ import annotations

import importlib
from types import ModuleType

from airoadmap.errors import GradingError

# How to install torch without its CUDA packages: the pin of constraints.txt.
TORCH = "torch==2.13.0"


def need(module: str, *, exercise: str, install: str) -> ModuleType:
    """Import `module` for `exercise`'s checks; missing, the grading stops with
    "<exercise>'s checks need <module>: pip install <install>" instead of a traceback."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise GradingError(f"{exercise}'s checks need {module}: pip install {install}") from exc
