"""How numbers, names and dates read on the pages and in the README."""

from __future__ import annotations

import math
from datetime import datetime


def fmt(value: float | None) -> str:
    """A metric for people: 4 significant digits, integers as integers, n/a for none."""
    if value is None or not math.isfinite(value):
        return "n/a"
    if value == int(value) and abs(value) < 1e12:
        return str(int(value))
    if 1e-3 <= abs(value) < 1e5:
        return f"{value:.4g}"
    return f"{value:.3g}"


def label(name: str) -> str:
    """A metric's name as words: "r2_holdout" -> "r2 holdout"."""
    return name.replace("_", " ")


def day(moment: datetime) -> str:
    """ "5 January 2026"."""
    return f"{moment.day} {moment:%B %Y}"


def day_time(moment: datetime) -> str:
    """ "5 January 2026, 14:03 UTC" (the store keeps UTC)."""
    return f"{day(moment)}, {moment:%H:%M} UTC"
