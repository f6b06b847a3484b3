"""The exercise's reference solution, which the report uses for its statistics and figures.

The learner writes these functions in m02-eda (content/exercises/m02-eda/solution/eda.py is
the reference): the report imports them instead of repeating them, so what learners copy is
what runs here.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType


@cache
def eda() -> ModuleType:
    """m02-eda's solution/eda.py, imported once (matplotlib set to draw off screen first)."""
    import matplotlib

    matplotlib.use("Agg")
    from airoadmap.lab.reference import reference_module

    return reference_module("m02-eda", "eda")
