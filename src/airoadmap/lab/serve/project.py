"""`airoadmap run m10-serve`: the naive service against the optimised one, same model, same load.

1. Train the month-6 pipeline (the m06-pipeline solution) on Titanic; keep passengers out.
2. Export the model folder (model.joblib, preprocess.json, model.onnx): model.py.
3. For each variant (server.py: the m10-serve exercise's app on the model in MLflow's format,
   naive, onnx, batched, protocol), start it in its own process, check that its predictions
   on every held-out passenger equal the Pipeline's own and that a row without a field gets
   422, then drive it with the load generator (load.py, another process) at each
   concurrency of `Settings.concurrency`, one passenger per request, and read the server's
   CPU from /proc before and after; stop it with SIGTERM.
4. Write serving.png (latency and CPU per request), model_card.md, report.md.

The goal (issue 12): the optimised service uses at most a third of the naive one's server
CPU per request, and its p99 latency is under GOAL_P99_MS at the highest concurrency.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from airoadmap.errors import AiroadmapError
from airoadmap.lab.figures import DPI, pyplot
from airoadmap.lab.machine import cpu_name
from airoadmap.lab.reference import reference_file
from airoadmap.lab.serve import model as served
from airoadmap.lab.serve.server import APP_FILE, VARIANTS
from airoadmap.lab.stages import stage

GOAL_CPU_RATIO = 1 / 3  # optimised server CPU per request / naive, at most
GOAL_P99_MS = 10.0  # optimised p99 latency at the highest concurrency, below
OPTIMISED = "protocol"  # the variant the goal judges
FAST = ("onnx", "batched", "protocol")  # the variants of fast.py (GET /stats)
SERVICE = "m10-serve"  # the exercise whose app the "solution" variant serves
UNPROCESSABLE = 422  # the status a row that breaks the schema must get
PARITY_TOLERANCE = 1e-5  # |P(survived) served - Pipeline's|: float32 trees, 6 decimals
LABELS = {
    "solution": "solution: the m10-serve exercise's app (FastAPI, pydantic, MLflow, /metrics)",
    "naive": "naive: FastAPI + pydantic + scikit-learn",
    "onnx": "onnx: typed fast path + onnxruntime + orjson",
    "batched": "batched: the same + micro-batching",
    "protocol": "protocol: the same on an asyncio HTTP server of its own",
}


@dataclass(frozen=True)
class Settings:
    """The budgets of a run (tests and the benchmark put others in)."""

    concurrency: tuple[int, ...] = (1, 32)
    seconds: float = 4.0  # measured seconds per variant and concurrency
    warmup_seconds: float = 0.5  # unmeasured load before each measured phase
    variants: tuple[str, ...] = VARIANTS
    baseline: str = "naive"  # the variant the goal's CPU ratio divides by
    start_timeout_s: float = 60.0


SETTINGS = Settings()


def run(run_dir: Path) -> dict[str, Any]:
    """Serve the month-6 model in each variant and measure them; artifacts go to `run_dir`."""
    return run_with(run_dir, SETTINGS)


def run_with(run_dir: Path, s: Settings) -> dict[str, Any]:
    """`run` with other settings (the benchmark's longer phases, the tests' tiny ones)."""
    stage(f"loading titanic and training the {served.EXERCISE} solution's pipeline")
    frame = served.load_passengers()
    pipeline, X_held, y_held = served.train(frame)
    expected = pipeline.predict_proba(X_held)[:, 1]
    stage("exporting the model: joblib, preprocessing as JSON, the forest as ONNX")
    folder = run_dir / "model"
    version = served.export(pipeline, folder)
    rows = _rows(X_held)
    fast = served.FastModel(folder)
    in_process = float(np.abs(fast.probability(fast.matrix(rows)) - expected).max())
    app_file = None
    if "solution" in s.variants:
        stage("saving the model in MLflow's format for the m10-serve service")
        served.export_mlflow(pipeline, frame[list(served.FIELDS)], folder, version)
        app_file = reference_file(SERVICE, "app.py")  # the learner's with --mine

    results: dict[str, Any] = {}
    load_before = os.getloadavg()[0]
    for variant in s.variants:
        results[variant] = _measure(variant, folder, rows, expected, s, app_file)
    metrics = _metrics(s, version, pipeline, X_held, y_held, expected, in_process, results)
    metrics["load_average_1min"] = [load_before, os.getloadavg()[0]]
    stage("drawing the latency and CPU bars")
    _figure(metrics, run_dir / "serving.png")
    stage("writing the model card and the report")
    (run_dir / "model_card.md").write_text(_model_card(metrics), encoding="utf-8")
    (run_dir / "report.md").write_text(_report(metrics), encoding="utf-8")
    return metrics


def _rows(X: Any) -> list[dict[str, Any]]:
    """Feature rows as JSON objects: NaN becomes null, whole numbers ints where FIELDS asks."""
    rows = []
    for record in X.to_dict(orient="records"):
        row: dict[str, Any] = {}
        for name, field in served.FIELDS.items():
            value = record[name]
            if value is None or (isinstance(value, float) and np.isnan(value)):
                row[name] = None
            elif field.kind == "int":
                row[name] = int(value)
            elif field.kind == "float":
                row[name] = float(value)
            else:
                row[name] = str(value)
        rows.append(row)
    return rows


# --- one variant -----------------------------------------------------------------------------


def _measure(
    variant: str, folder: Path, rows: list[dict[str, Any]], expected: np.ndarray,
    s: Settings, app_file: Path | None,
) -> dict[str, Any]:  # fmt: skip
    stage(f"starting the {variant} service")
    port = _free_port()
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1", "PYTHONUNBUFFERED": "1"}  # fmt: skip
    if app_file is not None:
        env[APP_FILE] = str(app_file)
    # The solution takes a row or a list of rows; the others {"passengers": [...]}.
    shape = _bare if variant == "solution" else _wrapped
    bodies = [json.dumps(shape([row])) for row in rows]
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "airoadmap.lab.serve.server", variant, str(folder), str(port)],
            stdout=log, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_ready(base, proc, log, s.start_timeout_s, variant)
            start_cpu = _cpu(proc.pid)
            stage(f"{variant}: checking its predictions on {len(rows)} held-out passengers")
            parity = _parity(base, rows, expected, shape)
            phases = []
            for c in s.concurrency:
                stage(f"{variant}: load at concurrency {c} for {s.seconds:g} s")
                before = _get(base + "/stats") if variant in FAST else None
                phases.append(_load(proc.pid, port, bodies, c, s))
                if before is not None:
                    after = _get(base + "/stats")
                    batches = max(after["batches"] - before["batches"], 1)
                    phases[-1]["mean_batch"] = (after["requests"] - before["requests"]) / batches
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                code: int | None = proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                code = None
    # uvicorn re-raises SIGTERM once it has shut down: -SIGTERM is its clean exit
    stopped = code in (0, -signal.SIGTERM)
    return {"label": LABELS[variant], "start_cpu_s": start_cpu, "stopped_cleanly": stopped,
            **parity, "phases": phases}  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def _cpu(pid: int) -> float:
    from airoadmap.lab.serve.load import process_cpu_seconds

    return process_cpu_seconds(pid)


def _wait_ready(base: str, proc: Any, log: Any, timeout_s: float, variant: str) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            tail = log.read().decode("utf-8", "replace")[-600:]
            raise AiroadmapError(f"The {variant} service exited ({proc.returncode}): {tail}")
        try:
            _get(base + "/ready")
            return
        except (OSError, urllib.error.URLError):
            time.sleep(0.05)
    raise AiroadmapError(f"The {variant} service did not answer /ready in {timeout_s:g} s.")


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as reply:
        return json.loads(reply.read())


def _post(url: str, payload: Any) -> tuple[int, Any]:
    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    request = urllib.request.Request(url, data, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def _wrapped(rows: list[dict[str, Any]]) -> Any:
    return {"passengers": rows}


def _bare(rows: list[dict[str, Any]]) -> Any:
    return rows if len(rows) > 1 else rows[0]


def _parity(
    base: str, rows: list[dict[str, Any]], expected: np.ndarray, shape: Any
) -> dict[str, Any]:
    """Every held-out row through /predict (in requests of MAX_ROWS) against the Pipeline;
    and a request with a row missing a field must get 422."""
    got: list[float] = []
    versions = set()
    for i in range(0, len(rows), served.MAX_ROWS):
        status, reply = _post(base + "/predict", shape(rows[i : i + served.MAX_ROWS]))
        if status != 200:
            raise AiroadmapError(f"/predict answered {status} to held-out rows: {reply}")
        versions.add(reply["model_version"])
        got += [p["probability"] for p in reply["predictions"]]
    bad = {k: v for k, v in rows[0].items() if k != "sex"}
    bad_status, _ = _post(base + "/predict", shape([bad]))
    difference = float(np.abs(np.asarray(got) - expected).max())
    if difference > PARITY_TOLERANCE or bad_status != UNPROCESSABLE:
        raise AiroadmapError(
            f"{base}: predictions differ from the Pipeline's by {difference:.3g} "
            f"(at most {PARITY_TOLERANCE:g}) or a row without sex got {bad_status}, "
            f"not {UNPROCESSABLE}."
        )
    return {"parity_max_difference": difference, "bad_row_status": bad_status,
            "versions": sorted(versions)}  # fmt: skip


def _load(pid: int, port: int, bodies: list[str], c: int, s: Settings) -> dict[str, Any]:
    spec = {
        "host": "127.0.0.1", "port": port, "pid": pid, "bodies": bodies,
        "phases": [{"concurrency": c, "seconds": s.warmup_seconds, "record": False},
                   {"concurrency": c, "seconds": s.seconds}],
    }  # fmt: skip
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(spec, f)
    try:
        out = subprocess.run(
            [sys.executable, "-m", "airoadmap.lab.serve.load", f.name],
            capture_output=True, text=True, timeout=s.seconds * 4 + 60,
        )  # fmt: skip
    finally:
        os.unlink(f.name)
    if out.returncode != 0:
        raise AiroadmapError(f"The load generator failed: {out.stderr.strip()[-600:]}")
    result: dict[str, Any] = json.loads(out.stdout)[0]
    return result


# --- metrics, figure, card -------------------------------------------------------------------


def _metrics(
    s: Settings, version: str, pipeline: Any, X_held: Any, y_held: Any, expected: np.ndarray,
    in_process: float, results: dict[str, Any],
) -> dict[str, Any]:  # fmt: skip
    from sklearn.metrics import accuracy_score, roc_auc_score

    top = max(s.concurrency)
    metrics: dict[str, Any] = {
        "model_version": version,
        "held_out_passengers": len(y_held),
        "held_out_accuracy": float(accuracy_score(y_held, pipeline.predict(X_held))),
        "held_out_roc_auc": float(roc_auc_score(y_held, expected)),
        "onnx_max_difference_in_process": in_process,
        "settings": asdict(s),
        "variants": results,
        "cpu_count": os.cpu_count(),
        "machine": cpu_name(),
        "goal": {
            "cpu_ratio_at_most": GOAL_CPU_RATIO,
            "p99_ms_below": GOAL_P99_MS,
            "variant": OPTIMISED,
            "baseline": s.baseline,
            "concurrency": top,
        },
    }
    if s.baseline in results and OPTIMISED in results:
        naive = _phase(results[s.baseline], top)
        best = _phase(results[OPTIMISED], top)
        ratio = best["server_cpu_ms_per_request"] / naive["server_cpu_ms_per_request"]
        metrics["cpu_ratio"] = ratio
        metrics["p99_ms"] = best["p99_ms"]
        metrics["goal_met"] = bool(ratio <= GOAL_CPU_RATIO and best["p99_ms"] < GOAL_P99_MS)
    return metrics


def _phase(result: dict[str, Any], c: int) -> dict[str, Any]:
    phase: dict[str, Any] = next(p for p in result["phases"] if p["concurrency"] == c)
    return phase


def table(metrics: dict[str, Any]) -> str:
    """The results as a Markdown table (one row per variant and concurrency)."""
    lines = [
        "| variant | concurrency | requests | req/s | p50 ms | p99 ms | server CPU ms/request "
        "| client CPU ms/request | mean batch |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for variant, result in metrics["variants"].items():
        for p in result["phases"]:
            batch = f"{p['mean_batch']:.2f}" if "mean_batch" in p else "-"
            lines.append(
                f"| {variant} | {p['concurrency']} | {p['requests']} | {p['requests_per_s']:.0f} "
                f"| {p['p50_ms']:.2f} | {p['p99_ms']:.2f} | {p['server_cpu_ms_per_request']:.3f} "
                f"| {p['client_cpu_ms_per_request']:.3f} | {batch} |"
            )
    return "\n".join(lines) + "\n"


def _figure(metrics: dict[str, Any], path: Path) -> Path:
    plt = pyplot()
    variants = list(metrics["variants"])
    levels = list(metrics["settings"]["concurrency"])
    fig, axes = plt.subplots(1, 3, figsize=(14, 4.4))
    width = 0.8 / len(variants)
    x = np.arange(len(levels))
    for k, variant in enumerate(variants):
        phases = [_phase(metrics["variants"][variant], c) for c in levels]
        for ax, key in zip(axes, ("p50_ms", "p99_ms", "server_cpu_ms_per_request"), strict=True):
            ax.bar(x + k * width, [p[key] for p in phases], width, label=variant)
    titles = (
        "p50 latency (ms)",
        "p99 latency (ms); dashed: the goal",
        "server CPU per request (ms)",
    )
    for ax, title in zip(axes, titles, strict=True):
        ax.set_xticks(x + width * (len(variants) - 1) / 2, [f"c={c}" for c in levels])
        ax.set_yscale("log")
        ax.set_title(title)
        ax.grid(alpha=0.3, axis="y")
    axes[1].axhline(GOAL_P99_MS, color="grey", linestyle="--", linewidth=1, label="goal")
    axes[0].legend(fontsize=9)
    fig.suptitle(f"Titanic model served {len(variants)} ways, one passenger per request "
                 f"({metrics['cpu_count']} CPUs)")  # fmt: skip
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def _model_card(m: dict[str, Any]) -> str:
    g, load = m["goal"], m["load_average_1min"]
    met = "met" if m.get("goal_met") else "not met"
    ratio = f"{m['cpu_ratio']:.3f}" if "cpu_ratio" in m else "not measured"
    p99 = f"{m['p99_ms']:.2f} ms" if "p99_ms" in m else "not measured"
    return f"""# Model card: Titanic survival, served (m10-serve)

## Model
The m06-pipeline solution's Pipeline (median and most-frequent imputing, standardising,
one-hot, a random forest), seed {served.SEED}, version `{m["model_version"]}` (the first hex
digits of the sha256 of model.joblib; every reply carries it). The optimised service runs the
same forest exported to ONNX after the Pipeline's learned preprocessing, computed as
scikit-learn computes it.

## Inputs and outputs
POST /predict with `{{"passengers": [...]}}`, up to {served.MAX_ROWS} rows of:

{_fields()}

The reply gives per row `survived` and `probability`, and the `model_version`. A row that
breaks the schema gets {UNPROCESSABLE} with the field and the rule.

## Intended use
Learning material of the airoadmap roadmap: how a model is served and what serving costs.
Not for any decision about people.

## Data
The registry's titanic3 passengers; {m["held_out_passengers"]} held out (stratified) for
the figures below and the parity check.

## Performance (held-out passengers)
- accuracy {m["held_out_accuracy"]:.4f}, ROC AUC {m["held_out_roc_auc"]:.4f}
- served predictions equal the Pipeline's within {_worst_parity(m):.2g} (largest difference
  over every variant and held-out passenger)

## Serving ({m["cpu_count"]} CPUs, {m["machine"]}; load average {load[0]:.1f} before the
services ran, {load[1]:.1f} after)
- {g["variant"]} against {g["baseline"]} at concurrency {g["concurrency"]}: server CPU per
  request ratio {ratio} (goal: at most {g["cpu_ratio_at_most"]:.3f}), p99 {p99} (goal:
  below {g["p99_ms_below"]:g} ms): {met}.

{table(m)}
## Limitations
- Latency and CPU were measured on this machine with the load generator on the same CPUs:
  another machine, another load or other processes change them (a load average above the
  number of CPUs means processes waited for one: latencies then include that wait).
- One seed, one run; the forest's probabilities are rounded to six decimals in replies.
"""


def _fields() -> str:
    return "\n".join(f"- `{name}`: {served.rule(name)}" for name in served.FIELDS)


def _worst_parity(m: dict[str, Any]) -> float:
    return max(v["parity_max_difference"] for v in m["variants"].values())


def _report(m: dict[str, Any]) -> str:
    labels = "\n".join(f"- {r['label']}" for r in m["variants"].values())
    return f"""# m10-serve: what serving costs

Each variant ran in its own process; the load generator (asyncio, keep-alive HTTP
connections) in another, one passenger per request, for {m["settings"]["seconds"]:g} s per
concurrency after {m["settings"]["warmup_seconds"]:g} s of warm-up. Server CPU: /proc of the
server process.

{table(m)}
{labels}
"""
