"""Segment names and actions in tables; profile.md and report.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

# What a marketing team does with each kind of segment: the base names of the reference
# solution's `name_segments` (before a "(higher spend)" qualifier).
ACTIONS = {
    "loyal high spenders": "Keep them: loyalty perks, early access, no discounts needed.",
    "at-risk high spenders": "Win them back now: personal outreach and a strong offer.",
    "active regulars": "Grow the basket: recommendations, bundles, a loyalty programme.",
    "occasional buyers": "Bring them back sooner: reminders and recommendations.",
    "new customers": "Onboard: a welcome series and a second-purchase incentive.",
    "at risk": "Re-engage: a reminder with a time-limited offer; ask why they stopped.",
    "lapsed one-timers": "One low-cost reactivation email, then stop spending on them.",
}


def base_name(name: str) -> str:
    """A segment name without its qualifier: 'at risk (higher spend)' -> 'at risk'."""
    return name.split(" (", 1)[0]


def action_for(name: str) -> str:
    return ACTIONS.get(base_name(name), "Study this segment before acting on it.")


def profile_table(profile: pd.DataFrame, names: dict[int, str]) -> pd.DataFrame:
    """The profile with each segment's name and action, biggest spenders first."""
    table = profile.copy()
    table.insert(0, "name", [names[int(s)] for s in table.index])
    table["action"] = [action_for(n) for n in table["name"]]
    return table.sort_values("monetary", ascending=False)


def markdown(table: pd.DataFrame) -> str:
    """A profile-like table as Markdown: shares in %, means to one decimal, dollars to cents."""
    formats = {
        "size": "{:,.0f}",
        "share": "{:.1%}",
        "recency": "{:.1f}",
        "frequency": "{:.2f}",
        "monetary": "${:,.2f}",
        "inertia": "{:,.0f}",
        "silhouette": "{:.3f}",
    }
    header = [table.index.name or "", *map(str, table.columns)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for idx, row in table.iterrows():
        cells = [
            formats[col].format(value) if col in formats else str(value)
            for col, value in row.items()
        ]
        lines.append("| " + " | ".join([str(idx), *cells]) + " |")
    return "\n".join(lines) + "\n"


def describe(row: pd.Series) -> str:
    """One sentence a marketing team can act on."""
    return (
        f"**{row['name']}** ({row['share']:.0%} of the customers, {row['size']:,}): last "
        f"purchase {row['recency']:.0f} days before the snapshot on average, "
        f"{row['frequency']:.1f} purchase days, ${row['monetary']:,.0f} spent in total. "
        f"{row['action']}"
    )


def write_report(
    path: Path,
    *,
    data: dict[str, Any],
    curves: pd.DataFrame,
    k_range: range,
    k: int,
    elbow: int,
    silhouette: float,
    table: pd.DataFrame,
) -> None:
    """report.md: the data, the method, the choice of k, the segments, the caveats."""
    allowed = curves.loc[[i for i in curves.index if i in k_range]]
    best_any = int(curves["silhouette"].idxmax())
    lines = [
        "# Customer segmentation of CDNOW with RFM and K-Means",
        "",
        f"{data['customers']:,} customers, {data['transactions']:,} purchase lines from "
        f"{data['first_day']} to {data['last_day']}; snapshot {data['snapshot']} (the day "
        "after the last purchase).",
        "",
        "## Method",
        "",
        "- **RFM per customer**: recency = days from the last purchase to the snapshot; "
        "frequency = number of distinct purchase days (several order lines on one day are one "
        "visit); monetary = total dollars.",
        "- **Scaling**: `log1p` of each (the three are right-skewed), then mean 0 / std 1, so "
        "that K-Means' Euclidean distance weighs them equally.",
        f"- **k**: K-Means (10 starts) for k = {curves.index.min()}..{curves.index.max()}; the "
        f"silhouette on a random sample of {data['silhouette_sample']:,} customers chooses k "
        f"among {k_range.start}..{k_range.stop - 1}.",
        "",
        "## Choosing k",
        "",
        "![Inertia and silhouette against k](k_selection.png)",
        "",
        markdown(curves),
        f"Chosen: **k = {k}** (silhouette {silhouette:.3f}), the best of "
        f"{k_range.start}..{k_range.stop - 1}.",
        "",
    ]
    if best_any not in k_range:
        lines += [
            f"k = {best_any} scores higher ({curves.loc[best_any, 'silhouette']:.3f}) but is "
            'outside the range a marketing team can use: two segments are "buyers" and '
            '"the rest", nothing to act on.',
            "",
        ]
    agreement = (
        "the silhouette agrees."
        if elbow == k
        else f"the silhouette prefers k = {k}; the elbow is a judgement by eye, the silhouette "
        "a measure."
    )
    lines += [
        "The inertia has no minimum to find: it always decreases with k. Its elbow, where the "
        "curve bends most (the largest ratio of the drop into k to the drop after it), is at "
        f"**k = {elbow}**: {agreement}",
        "",
        "## Segments",
        "",
        "![Customers on the first two principal components](pca_segments.png)",
        "",
        markdown(table.drop(columns=["action"])),
        *[f"- {describe(row)}" for _, row in table.iterrows()],
        "",
        "![Mean recency, frequency and spend per segment](segment_profile.png)",
        "",
        "![Snake plot: scaled means per segment](snake_plot.png)",
        "",
        "## Caveats",
        "",
        "- CDNOW is a cohort: every customer made a first purchase in the first quarter of "
        "1997, so no segment of newly acquired customers can appear. A shop that keeps "
        "acquiring would add the first purchase (tenure) to the table.",
        "- RFM ignores what was bought, margins and channels; the segments describe behaviour, "
        "not value to the business.",
        f"- The silhouette is estimated on {data['silhouette_sample']:,} customers "
        "(it costs n^2 distances); K-Means itself uses all of them.",
        f"- The best silhouettes here are modest ({allowed['silhouette'].max():.2f}): the "
        "customers form a continuum more than separate groups, and the segments are a useful "
        "cut of it, not natural kinds.",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
