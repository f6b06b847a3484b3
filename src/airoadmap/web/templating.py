"""The Jinja2 environment of the pages: autoescaped templates and a few formatting filters."""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi.templating import Jinja2Templates

from airoadmap.web.markdown import render_hint, render_inline
from airoadmap.web.overview import outcome_label

TEMPLATES = Path(__file__).parent / "templates"


def localtime(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """An aware time in the machine's time zone."""
    return "" if value is None else value.astimezone().strftime(fmt)


def number(value: Any) -> str:
    """A metric for people: 4 significant digits; ints as they are; '—' for nothing."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:.4g}"
    return str(value)


def filesize(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 card', '3 cards'."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def q(path: str) -> str:
    """A path for a URL: each segment percent-encoded, the slashes kept."""
    return quote(path, safe="/")


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.trim_blocks = True
    env.lstrip_blocks = True
    env.filters.update(
        localtime=localtime,
        q=q,
        md_inline=render_inline,
        md_hint=render_hint,
        number=number,
        filesize=filesize,
        outcome_label=outcome_label,
    )
    env.globals.update(plural=plural)
    return templates
