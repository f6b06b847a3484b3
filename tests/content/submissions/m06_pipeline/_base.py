"""Shared by the held-back submissions: the reference solution, imported as a module.

Each wrong_*.py takes the reference's functions and replaces one with a version carrying
one mistake, so the mistake is all that differs.
"""

from __future__ import annotations

from types import ModuleType

from airoadmap.lab.reference import reference_module


def reference() -> ModuleType:
    return reference_module("m06-pipeline", "pipeline")
