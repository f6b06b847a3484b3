"""Run artifacts: the runs of `airoadmap run` under <workspace>/runs/, each run's figures,
HTML reports (in a sandboxed frame), markdown reports and metrics; and the files themselves,
served only from inside the runs folder."""

from __future__ import annotations

import json
import mimetypes
import posixpath
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse
from markupsafe import Markup

from airoadmap.lab.projects import RUN_FILE
from airoadmap.lab.projects import projects as reference_projects
from airoadmap.web.artifacts import MAX_TEXT_BYTES, Artifact, Run, all_runs, find_run, safe_file
from airoadmap.web.deps import Dashboard, get_dashboard, render
from airoadmap.web.markdown import render_code, render_markdown

router = APIRouter()

# An artifact opened on its own (an HTML report, an SVG) runs sandboxed: scripts, if any, in
# an opaque origin that cannot read the dashboard or post its forms.
ARTIFACT_CSP = "sandbox allow-scripts; default-src 'self' data: 'unsafe-inline'; connect-src 'none'"


@router.get("/runs", response_class=HTMLResponse, name="runs")
def runs(request: Request, dash: Dashboard = Depends(get_dashboard)) -> HTMLResponse:
    found = all_runs(dash.workspace.runs_dir)
    known = reference_projects()
    projects = sorted(set(found) | set(known), key=lambda p: (p not in known, p))
    listed = [r for runs in found.values() for r in runs[:10]]  # the list shows 10 a project
    mine = {r.rel for r in listed if run_code(_run_record(r, dash)).whose == "mine"}
    return render(
        request,
        "runs.html",
        {
            "title": "Runs",
            "projects": [(p, known.get(p), found.get(p, [])) for p in projects],
            "mine": mine,
            "runs_dir": dash.workspace.runs_dir,
        },
    )


def _run_record(run: Run, dash: Dashboard) -> Any:
    """The run's run.json content (None: missing, outside the runs folder, too big, not JSON)."""
    path = safe_file(dash.workspace.runs_dir, f"{run.rel}/{RUN_FILE}")
    if path is None or path.stat().st_size > MAX_TEXT_BYTES:
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None


def _text(art: Artifact, dash: Dashboard) -> str | None:
    path = safe_file(dash.workspace.runs_dir, art.rel)
    if path is None or art.size > MAX_TEXT_BYTES:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def run_device(metrics: Any) -> str | None:
    """The device a run trained on, from its metrics.json ("device", and where given
    "device_name", "threads", "precision"): 'cpu (AMD EPYC, 2 threads, bf16)'. None when the
    run does not say."""
    if not isinstance(metrics, dict) or not isinstance(metrics.get("device"), str):
        return None
    details = []
    if isinstance(metrics.get("device_name"), str):
        details.append(metrics["device_name"])
    threads = metrics.get("threads")
    if metrics["device"] == "cpu" and isinstance(threads, int) and not isinstance(threads, bool):
        details.append(f"{threads} thread{'s' if threads != 1 else ''}")
    if isinstance(metrics.get("precision"), str):
        details.append(metrics["precision"])
    return f"{metrics['device']} ({', '.join(details)})" if details else metrics["device"]


@dataclass(frozen=True)
class RunCode:
    """Whose code a run ran, from its run.json (what `airoadmap run` recorded).

    whose: "mine" (the learner's passed files, `run --mine`), "reference" (the exercise's
    solution) or "unknown" (no readable run.json: a run from before it was written).
    modules: (exercise, module or file, "mine"/"reference", sha256) of each file it loaded.
    """

    whose: str
    text: str
    modules: tuple[tuple[str, str, str, str], ...] = ()


def _text_field(data: Any, key: str) -> str | None:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) and value else None


def run_code(record: Any) -> RunCode:
    """What the run page says about whose code ran, from run.json's parsed content (None
    or anything malformed: "not recorded")."""
    if not isinstance(record, dict) or record.get("code") not in ("mine", "reference"):
        return RunCode("unknown", "not recorded (the run has no readable run.json)")
    exercise = _text_field(record, "exercise") or "its exercise"
    modules: list[tuple[str, str, str, str]] = []
    for m in record.get("modules") or []:
        fields = [_text_field(m, k) for k in ("exercise", "module", "code", "sha256")]
        if all(fields):
            modules.append((fields[0] or "", fields[1] or "", fields[2] or "", fields[3] or ""))
    if record["code"] == "reference":
        return RunCode("reference", f"the reference solution of {exercise}", tuple(modules))
    learner = record.get("learner")
    details = []
    attempt = learner.get("attempt_id") if isinstance(learner, dict) else None
    if isinstance(attempt, int) and not isinstance(attempt, bool):
        details.append(f"attempt #{attempt}")
    passed = _text_field(learner, "passed_at")
    if passed:
        details.append(f"passed {passed[:10]}")
    code_hash = _text_field(learner, "code_hash")
    if code_hash:
        details.append(f"code hash {code_hash[:12]}")
    extra = f" ({', '.join(details)})" if details else ""
    return RunCode("mine", f"your code of {exercise}{extra}", tuple(modules))


def _pretty_json(data: Any) -> Markup:
    return render_code(json.dumps(data, indent=2, ensure_ascii=False), "metrics.json")


@router.get("/runs/{project}/{name}", response_class=HTMLResponse, name="run")
def run_page(
    request: Request, project: str, name: str, dash: Dashboard = Depends(get_dashboard)
) -> HTMLResponse:
    run = find_run(dash.workspace.runs_dir, project, name)
    if run is None:
        raise HTTPException(
            404, detail=f"No run '{name}' of project '{project}' in this workspace."
        )
    files = run.files()
    base = f"/artifacts/{quote(run.rel)}/"
    reports = []
    embedded: set[str] = set()  # the artifact URLs a markdown report shows as images
    for art in files.markdown:
        text = _text(art, dash)
        if text is None:
            continue
        folder = art.name.rsplit("/", 1)[0] + "/" if "/" in art.name else ""
        images: list[str] = []
        reports.append((art, render_markdown(text, base_url=base + folder, images=images)))
        embedded.update(posixpath.normpath(unquote(src)) for src in images)
    # A figure a report only names (`roc_curves.png`, a link) is no figure shown: it goes
    # with the others below the reports, so that every image of the run is on the page.
    shown = {f.name for f in files.figures if f"/artifacts/{f.rel}" in embedded}
    metrics = run.metrics()
    return render(
        request,
        "run.html",
        {
            "title": f"{project} · {run.started}",
            "run": run,
            "project": reference_projects().get(project),
            "files": files,
            "reports": reports,
            "figures": [f for f in files.figures if f.name not in shown],
            "metrics": _pretty_json(metrics) if metrics is not None else None,
            "device": run_device(metrics),
            "code": run_code(_run_record(run, dash)),
            "other": [a for a in files.other if a.name != "metrics.json"],
        },
    )


@router.get("/artifacts/{path:path}", name="artifact")
def artifact(path: str, dash: Dashboard = Depends(get_dashboard)) -> FileResponse:
    """A file of a run; 404 for anything that is not a file inside the runs folder."""
    if "\x00" in path:
        raise HTTPException(400, detail="Invalid path.")
    real = safe_file(dash.workspace.runs_dir, path)
    if real is None:
        raise HTTPException(404, detail=f"No artifact '{path}' in this workspace's runs.")
    media = mimetypes.guess_type(real.name)[0] or "application/octet-stream"
    if media.startswith("text/") and media != "text/html":  # CSV, markdown: shown as text
        media = "text/plain; charset=utf-8"
    return FileResponse(
        real,
        media_type=media,
        headers={"Content-Security-Policy": ARTIFACT_CSP, "Cache-Control": "no-cache"},
    )
