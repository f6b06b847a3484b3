"""Plotly figures as plain JSON-able dicts: the page embeds them and plotly.js draws them.

Building the figure spec by hand (no plotly.graph_objects) keeps a page with a thousand
attempts fast; the browser does the drawing with the plotly.js shipped in the plotly package.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from airoadmap.progress.store import AttemptRow
from airoadmap.results import Outcome
from airoadmap.web.bars import Bar

OUTCOME_COLORS = {
    Outcome.PASS: "#1a7f37",
    Outcome.FAIL: "#cf222e",
    Outcome.ERROR: "#bc4c00",
    Outcome.TIMEOUT: "#8250df",
    Outcome.NOT_ATTEMPTED: "#8c959f",
}
LINE_COLOR = "#0969da"
BAR_COLOR = "#9a6700"
MAX_CHARTS = 4


def _finite(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def metric_chart(metric: str, attempts: Sequence[AttemptRow], bar: Bar | None) -> dict[str, Any]:
    """One metric over the attempts that recorded it, with its bar as a dashed line."""
    xs: list[str] = []
    ys: list[float] = []
    colors: list[str] = []
    labels: list[str] = []
    local = datetime.now().astimezone().tzinfo  # the machine's zone, looked up once
    for number, attempt in enumerate(attempts, start=1):
        value = _finite(attempt.metrics.get(metric))
        if value is None:
            continue
        xs.append(attempt.created_at.astimezone(local).isoformat(" ", "seconds")[:19])
        ys.append(value)
        colors.append(OUTCOME_COLORS.get(attempt.outcome, LINE_COLOR))
        labels.append(f"attempt {number}: {attempt.outcome.value}")
    trace: dict[str, Any] = {
        "type": "scatter",
        "mode": "lines+markers",
        "name": metric,
        "x": xs,
        "y": ys,
        "text": labels,
        "line": {"color": LINE_COLOR, "width": 2},
        "marker": {"color": colors, "size": 7 if len(xs) <= 200 else 4},
        "hovertemplate": "%{text}<br>%{x}<br>" + metric + " = %{y:.4g}<extra></extra>",
    }
    layout: dict[str, Any] = {
        "height": 280,
        "margin": {"l": 56, "r": 16, "t": 36, "b": 40},
        "title": {"text": metric, "font": {"size": 14}, "x": 0, "xanchor": "left"},
        "xaxis": {"type": "date", "title": {"text": "attempt time"}, "automargin": True},
        "yaxis": {"automargin": True, "zeroline": False},
        "showlegend": False,
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "font": {"family": "system-ui, sans-serif", "size": 12},
    }
    if bar is not None:
        layout["shapes"] = [
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": bar.value,
                "y1": bar.value,
                "line": {"color": BAR_COLOR, "width": 2, "dash": "dash"},
            }
        ]
        layout["annotations"] = [
            {
                "xref": "paper",
                "x": 0,
                "xanchor": "left",
                "y": bar.value,
                "yanchor": "bottom",
                "text": f"bar {bar.label}",
                "showarrow": False,
                "font": {"color": BAR_COLOR},
            }
        ]
        span = [*ys, bar.value]
        low, high = min(span), max(span)
        pad = (high - low) * 0.08 or abs(bar.value) * 0.05 or 0.05
        layout["yaxis"]["range"] = [low - pad, high + pad]
    return {"data": [trace], "layout": layout}


def metric_charts(
    attempts: Sequence[AttemptRow], bars: dict[str, Bar]
) -> list[tuple[str, dict[str, Any]]]:
    """(metric, figure) for each metric with a bar that some attempt recorded; when no such
    metric exists, the first metrics recorded, without a bar. At most MAX_CHARTS."""
    recorded: list[str] = []
    seen: set[str] = set()
    for attempt in attempts:
        for name, value in attempt.metrics.items():
            if name not in seen and _finite(value) is not None:
                seen.add(name)
                recorded.append(name)
    with_bar = [m for m in recorded if m in bars]
    chosen = with_bar or recorded[:2]
    return [(m, metric_chart(m, attempts, bars.get(m))) for m in chosen[:MAX_CHARTS]]
