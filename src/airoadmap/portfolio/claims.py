"""Resume bullets and per-project READMEs, stated only from verified facts.

A bullet is a claim: a metric, its value, the data set and the date, taken from one of two
places only: the metrics.json of the learner's own run (`airoadmap run ID --mine`, whose
run.json ties it to the code hash of a passing attempt), or the metrics the checks recorded
with the passing attempt. Reference runs (the exercise's solution) never give a bullet. The
manifest lists every claim with where its value comes from, and `verify_claims` recomputes
each one from the site: the run's metrics.json copied into it, and the READMEs' text.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from airoadmap.portfolio import layout
from airoadmap.portfolio.collect import Entry
from airoadmap.portfolio.modelcard import headline as attempt_headline
from airoadmap.portfolio.text import fmt, label

RUN_FILES = ("metrics.json", "run.json")  # copied from the learner's own run into the site


@dataclass(frozen=True)
class Claim:
    """One resume bullet: `text` states `metric` = `value` (from `source`) on `dataset`."""

    text: str
    metric: str
    value: float
    source: Literal["run", "attempt"]
    dataset: str
    date: str  # YYYY-MM-DD of the run (source "run") or of the passing attempt

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "metric": self.metric,
            "value": self.value,
            "source": self.source,
            "dataset": self.dataset,
            "date": self.date,
        }


def run_dir_in_site(exercise_id: str) -> str:
    return f"{exercise_id}/run"


def project_readme_path(exercise_id: str) -> str:
    return f"{exercise_id}/README.md"


def claims(entry: Entry, limit: int = 3) -> list[Claim]:
    """The bullets of a passed exercise: its own run's headline metrics when it has a run
    of the learner's code, else the headline metrics its passing attempt recorded."""
    title = entry.project.title if entry.project is not None else entry.title
    run = entry.run
    if run is not None and run.code == "mine" and run.metrics is not None:
        data = ", ".join(run.datasets) or _dataset(entry)
        when = _run_date(run.label)
        found = [
            Claim(
                f"{title}: {words(path)} {fmt(value)}{_on(data)}, from my own code "
                f"(my run of {when}).",
                path,
                value,
                "run",
                data,
                when,
            )
            for path, value in _run_headline(entry.id, run.metrics)[:limit]
        ]
        if found:
            return found
    data = _dataset(entry)
    when = f"{entry.attempt.created_at:%Y-%m-%d}"
    return [
        Claim(
            f"{title}: {words(m.name)} {fmt(m.value)}{_on(data)}, measured by the automatic "
            f"checks my code passed on {when}.",
            m.name,
            m.value,
            "attempt",
            data,
            when,
        )
        for m in attempt_headline(entry, limit)
        if m.value is not None and math.isfinite(m.value)
    ]


def words(metric: str) -> str:
    """A metric path as words: "summary.r2_test" -> "r2 test"."""
    return label(metric.rsplit(".", 1)[-1])


def _on(data: str) -> str:
    return f" on {data}" if data else ""


def _run_headline(project_id: str, metrics: dict[str, Any]) -> list[tuple[str, float]]:
    from airoadmap.lab.projects import headline, projects

    project = projects().get(project_id)
    if project is None:
        return []
    return [
        (path, float(v))
        for path, v in headline(project, metrics)
        if isinstance(v, int | float) and math.isfinite(v)
    ]


def _dataset(entry: Entry) -> str:
    """The data sets the exercise declares ("" when it names none)."""
    return ", ".join(entry.exercise.datasets)


def _run_date(label_: str) -> str:
    try:
        return f"{datetime.strptime(label_[:15], '%Y%m%d-%H%M%S'):%Y-%m-%d}"
    except ValueError:
        return label_


def project_readme(entry: Entry) -> str:
    """A GitHub-ready README.md for one passed exercise (its folder in the site)."""
    ex = entry.exercise
    title = entry.project.title if entry.project is not None else ex.title
    summary = entry.project.summary if entry.project is not None else ex.summary
    lines = [f"# {_md(title)}", "", _md(summary), ""]
    bullets = claims(entry)
    if bullets:
        lines += ["## Results", ""] + [f"- {_md(c.text)}" for c in bullets] + [""]
    run = entry.run
    if run is not None and run.figures:
        whose = (
            f"my own code (`airoadmap run {entry.id} --mine`, code hash `{run.code_hash}`)"
            if run.code == "mine"
            else f"the exercise's reference solution, not my code (`airoadmap run {entry.id}`)"
        )
        lines += ["## Figures", "", f"From the run of {_run_date(run.label)} of {whose}.", ""]
        for fig in run.figures:
            lines += [f"![{_md(fig.caption)}](figures/{fig.name})", ""]
    for extra in entry.extra_runs:
        if not extra.run.figures:
            continue
        whose = (
            f"my own code (`airoadmap run {extra.project} --mine`, code hash "
            f"`{extra.run.code_hash}`)"
            if extra.run.code == "mine"
            else f"the exercise's reference solution, not my code (`airoadmap run {extra.project}`)"
        )
        lines += [
            f"## Figures: {_md(extra.title)}",
            "",
            f"From the run of {_run_date(extra.run.label)} of {whose}.",
            "",
        ]
        for fig in extra.run.figures:
            lines += [f"![{_md(fig.caption)}](figures/{extra.project}/{fig.name})", ""]
    lines += [
        "## Reproduce",
        "",
        f"Exercise `{entry.id}` of the airoadmap roadmap, month {ex.month}. Graded files "
        f"(code hash `{entry.attempt.code_hash or 'not recorded'}`):",
        "",
    ]
    lines += [f"- `{f.name}` (sha256 `{f.sha256}`)" for f in entry.files if f.sha256] + [""]
    lines += [
        "```",
        f"airoadmap check {entry.id}",
        *([f"airoadmap run {entry.id} --mine"] if entry.project is not None else []),
        *(f"airoadmap run {extra.project} --mine" for extra in entry.extra_runs),
        "```",
        "",
    ]
    return "\n".join(lines)


def _md(text: str) -> str:
    from airoadmap.portfolio.readme import md

    return md(text)


# -- checking ------------------------------------------------------------------------------


def verify_claims(folder: Path, exercise: dict[str, Any]) -> list[str]:
    """Problems with an exercise's claims in a built site (none: every number checks out).

    A "run" claim must equal the value at its metric in the run's metrics.json copied into
    the site, whose sha256 must be the one run.json recorded when the run wrote it; an
    "attempt" claim must equal the passing attempt's metric in the manifest. Each claim's
    text must appear in the project's README and in the site's README.
    """
    from airoadmap.lab.projects import metric_at

    eid = str(exercise.get("id", ""))
    problems: list[str] = []
    listed = exercise.get("claims") or []
    if not isinstance(listed, list):
        return [f"{eid}: claims is not a list"]
    metrics: Any = None
    if any(isinstance(c, dict) and c.get("source") == "run" for c in listed):
        metrics, why = _run_metrics(folder, eid)
        if why:
            problems.append(why)
    readmes = {path: _text(folder / path) for path in (layout.README, project_readme_path(eid))}
    for c in listed:
        if not isinstance(c, dict):
            problems.append(f"{eid}: a claim is not an object")
            continue
        name, value = str(c.get("metric")), c.get("value")
        if c.get("source") == "run":
            actual = metric_at(metrics, name) if isinstance(metrics, dict) else None
            where = f"{run_dir_in_site(eid)}/metrics.json"
        elif c.get("source") == "attempt":
            actual = _attempt_metric(exercise, name)
            where = "the passing attempt's metrics"
        else:
            problems.append(f"{eid}: claim {c.get('text')!r} names no source")
            continue
        if not _same_number(actual, value) or not isinstance(actual, int | float):
            problems.append(f"{eid}: claim {name} = {value} but {where} says {actual}")
        elif not _states(str(c.get("text")), name, float(actual)):
            problems.append(f"{eid}: the claim {c.get('text')!r} does not state {name} = {value}")
        for path, text in readmes.items():
            if text is None or _md(str(c.get("text"))) not in text:
                problems.append(f"{eid}: {path} does not state the claim {c.get('text')!r}")
    return problems


def _states(text: str, metric: str, value: float) -> bool:
    """Whether a claim's text states `metric` = `value` as the build writes it."""
    said = re.escape(f"{words(metric)} {fmt(value)}")
    return re.search(rf"(?<![\w.]){said}(?![\w.])", text) is not None


def _attempt_metric(exercise: dict[str, Any], name: str) -> Any:
    """A metric of the passing attempt in the manifest: its checks' first, in check order
    (as the pages read them), then those recorded outside any check."""
    for check in exercise.get("checks") or []:
        found = check.get("metrics") if isinstance(check, dict) else None
        if isinstance(found, dict) and name in found:
            return found[name]
    attempt = exercise.get("metrics")
    return attempt.get(name) if isinstance(attempt, dict) else None


def _run_metrics(folder: Path, eid: str) -> tuple[Any, str]:
    base = folder / run_dir_in_site(eid)
    try:
        raw = (base / "metrics.json").read_bytes()
        record = json.loads((base / "run.json").read_text(encoding="utf-8"))
        metrics = json.loads(raw)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, f"{eid}: cannot read its run's metrics.json and run.json in the site: {exc}"
    if not isinstance(record, dict) or record.get("code") != "mine":
        return metrics, f"{eid}: {run_dir_in_site(eid)}/run.json is not a run of the learner's code"
    if hashlib.sha256(raw).hexdigest() != record.get("metrics_sha256"):
        return metrics, f"{eid}: {run_dir_in_site(eid)}/metrics.json is not what the run wrote"
    return metrics, ""


def _same_number(actual: Any, claimed: Any) -> bool:
    if isinstance(actual, bool) or not isinstance(actual, int | float):
        return False
    if isinstance(claimed, bool) or not isinstance(claimed, int | float):
        return False
    return math.isclose(float(actual), float(claimed), rel_tol=1e-12, abs_tol=1e-12)


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
