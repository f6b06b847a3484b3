"""HTML assembly: one self-contained file (inline CSS, images as base64 PNG, no script).

Every piece of text goes through `html.escape`: column names and values come from the data,
and a data set is not trusted markup. The page needs nothing from the network to display.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from string import Template
from typing import Any

import pandas as pd

__all__ = [
    "Section",
    "bullets",
    "callout",
    "details",
    "facts",
    "figure",
    "grid",
    "heading",
    "paragraph",
    "render",
    "table",
]

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328;
  margin: 0; background: #f6f8fa; line-height: 1.5; }
header, main, footer, nav { max-width: 1120px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 28px; }
h1 { margin: 0 0 4px; font-size: 1.9rem; }
h2 { border-bottom: 2px solid #d0d7de; padding-bottom: 4px; margin-top: 0; }
h3 { margin: 18px 0 6px; font-size: 1.05rem; }
.subtitle { color: #57606a; margin: 0 0 12px; }
nav ol { display: flex; flex-wrap: wrap; gap: 6px 18px; padding: 10px 0; list-style: none;
  margin: 0; font-size: 0.95rem; }
nav a { color: #0969da; text-decoration: none; }
section { background: white; border: 1px solid #d0d7de; border-radius: 8px;
  padding: 18px 22px; margin: 18px 0; }
table { border-collapse: collapse; font-size: 0.88rem; margin: 8px 0 14px; }
th, td { padding: 4px 10px; border-bottom: 1px solid #eaeef2; text-align: right; }
th { background: #f6f8fa; }
td.text, th.text { text-align: left; }
tr:nth-child(even) td { background: #fbfcfd; }
.scroll { overflow-x: auto; }
figure { margin: 8px 0 14px; }
figure img { max-width: 100%; height: auto; border: 1px solid #eaeef2; }
figcaption { color: #57606a; font-size: 0.85rem; }
.grid { display: flex; flex-wrap: wrap; gap: 8px 16px; }
.grid figure { flex: 0 1 auto; max-width: 100%; }
.facts { display: flex; flex-wrap: wrap; gap: 10px; margin: 6px 0 12px; }
.fact { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px;
  padding: 6px 12px; }
.fact b { display: block; font-size: 1.2rem; }
.fact span { color: #57606a; font-size: 0.8rem; }
.callout { border-left: 4px solid #0969da; background: #f1f8ff; padding: 8px 12px;
  margin: 8px 0 14px; }
.callout.yes { border-color: #1a7f37; background: #f0fff4; }
.callout.no { border-color: #9a6700; background: #fff8c5; }
details summary { cursor: pointer; color: #0969da; }
footer { color: #57606a; font-size: 0.8rem; padding-bottom: 28px; }
"""

TEMPLATE = Template(
    """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<style>$css</style>
</head>
<body>
<header><h1>$title</h1><p class="subtitle">$subtitle</p></header>
<nav><ol>$toc</ol></nav>
<main>
$sections
</main>
<footer>$footer</footer>
</body>
</html>
"""
)


@dataclass
class Section:
    """A titled part of the report; `blocks` are HTML fragments made by the helpers below."""

    id: str
    title: str
    blocks: list[str] = field(default_factory=list)

    def add(self, *blocks: str) -> Section:
        self.blocks.extend(blocks)
        return self

    def html(self) -> str:
        body = "\n".join(self.blocks)
        return (
            f'<section id="{escape(self.id)}">\n<h2>{escape(self.title)}</h2>\n{body}\n</section>'
        )


def paragraph(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def heading(text: str) -> str:
    return f"<h3>{escape(text)}</h3>"


def bullets(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def callout(text: str, kind: str = "") -> str:
    """A highlighted paragraph; kind "yes" (green), "no" (amber) or "" (blue)."""
    classes = "callout" + (f" {kind}" if kind in ("yes", "no") else "")
    return f'<div class="{classes}">{escape(text)}</div>'


def facts(items: Mapping[str, str]) -> str:
    """Key figures as small cards: value in bold, label under it."""
    cards = "".join(
        f'<div class="fact"><b>{escape(value)}</b><span>{escape(label)}</span></div>'
        for label, value in items.items()
    )
    return f'<div class="facts">{cards}</div>'


def figure(png: bytes, alt: str, caption: str = "") -> str:
    """An embedded PNG (base64 data URI) with alternative text and an optional caption."""
    data = base64.b64encode(png).decode("ascii")
    cap = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return f'<figure><img src="data:image/png;base64,{data}" alt="{escape(alt)}">{cap}</figure>'


def grid(blocks: Sequence[str]) -> str:
    """Blocks (usually figures) side by side, wrapping on narrow screens."""
    return '<div class="grid">' + "".join(blocks) + "</div>"


def details(summary: str, body: str) -> str:
    """A collapsed block (no script needed): long tables the reader opens on demand."""
    return f"<details><summary>{escape(summary)}</summary>{body}</details>"


def _cell(value: Any, spec: str | None) -> tuple[str, bool]:
    """Format one value; returns (text, is_text)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–", False
    if spec is not None and isinstance(value, int | float):
        return spec.format(value), False
    if isinstance(value, bool):
        return ("yes" if value else "no"), True
    if isinstance(value, int):
        return f"{value:,}", False
    if isinstance(value, float):
        if value != 0 and (abs(value) >= 1e6 or abs(value) < 1e-3):
            return f"{value:.3g}", False
        return (f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"), False
    return str(value), True


def table(
    frame: pd.DataFrame, formats: Mapping[str, str] | None = None, *, index: bool = True
) -> str:
    """A DataFrame as an HTML table; `formats` maps a column to a spec such as "{:.1f}%"."""
    formats = formats or {}
    columns = [str(c) for c in frame.columns]
    head = [f'<th class="text">{escape(str(frame.index.name or ""))}</th>'] if index else []
    head += [f"<th>{escape(c)}</th>" for c in columns]
    rows = []
    for label, row in zip(frame.index, frame.itertuples(index=False), strict=True):
        cells = [f'<td class="text">{escape(str(label))}</td>'] if index else []
        for name, value in zip(columns, row, strict=True):
            item = value.item() if hasattr(value, "item") else value
            text, is_text = _cell(item, formats.get(name))
            css = ' class="text"' if is_text else ""
            cells.append(f"<td{css}>{escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<div class="scroll"><table><thead><tr>'
        + "".join(head)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
    )


def render(title: str, subtitle: str, sections: Sequence[Section], footer: str = "") -> str:
    """The whole page: title, table of contents, sections, footer."""
    toc = "".join(f'<li><a href="#{escape(s.id)}">{escape(s.title)}</a></li>' for s in sections)
    return TEMPLATE.substitute(
        title=escape(title),
        subtitle=escape(subtitle),
        css=CSS,
        toc=toc,
        sections="\n".join(s.html() for s in sections),
        footer=escape(footer),
    )
