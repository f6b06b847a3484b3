"""`airoadmap run m11-monitoring`: the m11-monitoring solution's MLOps loop on a seeded
stream, end to end, beside a model that is never retrained.

1. A seeded stream of batches (the solution's `make_stream`): from batch CHANGE_AT on, an
   input moves and the concept changes. Reference rows drawn before it train the first
   champion, registered in a throwaway MLflow registry inside the run folder.
2. The stream goes through the solution's `Monitor` (`simulate`): each batch is served by
   the "champion" alias and its drift measured (PSI); its labels arrive LABEL_DELAY batches
   later, when its accuracy is scored, alerts are raised, challengers are trained, and
   judged on fresh labelled rows before any promotion.
3. The same batches served by the first champion alone (no monitoring, no retraining): what
   the loop is for, measured.
4. A rollback drill: `rollback()` restores the version the last promotion replaced, and
   the next batch is served by it.
5. The event log replayed independently: every batch served by the version the aliases
   said, every promotion judged on rows its challenger never learned from.

Writes timeline.png, drift_by_feature.png, events.csv, report.md, model_card.md and the
registry (registry/); returns the metrics (saved as metrics.json by `airoadmap run`).
"""

from __future__ import annotations

import csv
import dataclasses
import time
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from airoadmap.lab.figures import pyplot
from airoadmap.lab.reference import reference_module
from airoadmap.lab.stages import stage

EXERCISE = "m11-monitoring"
# The stream; tests make it tiny. The reference rows come from another seed, before any
# change; the rollback drill serves one more batch drawn after the change.
SEED = 2026
BATCHES = 48
BATCH_SIZE = 1_000
CHANGE_AT = 24
LABEL_DELAY = 2
REFERENCE_BATCHES = 2
PROGRESS_EVERY = 8  # a stage every this many batches
# Event kinds decided when a batch's labels arrive (drawn at batch + LABEL_DELAY).
LABEL_EVENTS = ("performance", "performance_alert", "retrained", "promoted", "rejected")


def solution() -> ModuleType:
    """The m11-monitoring reference solution (the learner's file, as written in the exercise)."""
    return reference_module(EXERCISE, "monitoring")


def run(run_dir: Path) -> dict[str, Any]:
    """Run the solution's monitoring loop on the seeded stream and write the figures, the
    event log, the report and the model card to `run_dir`."""
    sol = solution()
    stage(f"drawing the stream: {BATCHES} batches of {BATCH_SIZE:,} rows, change at {CHANGE_AT}")
    stream = sol.make_stream(SEED, batches=BATCHES, batch_size=BATCH_SIZE, change_at=CHANGE_AT)
    reference = sol.make_stream(
        SEED + 1, batches=REFERENCE_BATCHES, batch_size=BATCH_SIZE, change_at=REFERENCE_BATCHES
    )
    ref_X = np.concatenate([X for X, _ in reference])
    ref_y = np.concatenate([y for _, y in reference])
    (probe_X, probe_y) = sol.make_stream(SEED + 2, batches=1, batch_size=BATCH_SIZE, change_at=0)[0]

    stage("starting the registry (MLflow) and deploying the first champion")
    cpu, wall = time.process_time(), time.perf_counter()
    first = sol.train_model(ref_X, ref_y)
    monitor = sol.Monitor(run_dir / "registry", ref_X, ref_y)
    first_version = monitor.deploy(first)
    setup_cpu = time.process_time() - cpu

    cpu, wall = time.process_time(), time.perf_counter()
    for batch, _ in sol.simulate(monitor, stream, label_delay=LABEL_DELAY):
        if (batch + 1) % PROGRESS_EVERY == 0 or batch + 1 == len(stream):
            stage(f"serving the stream: batch {batch + 1} of {len(stream)}")
    loop_cpu, loop_wall = time.process_time() - cpu, time.perf_counter() - wall
    final_champion = monitor.champion
    final_before_drill = len(monitor.events)

    stage("the rollback drill, the model never retrained, the drift of each feature")
    drill = _rollback_drill(monitor, sol.PREVIOUS, len(stream), probe_X, probe_y)
    static = [sol.accuracy(first.predict(X), y) for X, y in stream]
    psi = np.array([sol.psi(ref_X, X) for X, _ in stream])  # batches x features
    events = [dataclasses.asdict(e) for e in monitor.events]
    problems = replay(events, monitor.champion, sol.CHAMPION)

    metrics = _metrics(sol, monitor, events, static, psi, final_before_drill)
    metrics.update(
        {
            "stream": {
                "seed": SEED,
                "batches": len(stream),
                "batch_size": BATCH_SIZE,
                "change_at": CHANGE_AT,
                "label_delay": LABEL_DELAY,
                "features": int(ref_X.shape[1]),
                "reference_rows": len(ref_y),
            },
            "thresholds": dataclasses.asdict(monitor.thresholds),
            "first_version": first_version,
            "final_champion": final_champion,
            "rollback": drill,
            "events_consistent": not problems,
            "event_problems": problems,
            "setup_cpu_seconds": setup_cpu,
            "loop_cpu_seconds": loop_cpu,
            "loop_seconds": loop_wall,
            "rows_per_second": len(stream) * BATCH_SIZE / loop_wall if loop_wall > 0 else None,
            "mlflow": _version("mlflow"),
            "scikit_learn": _version("sklearn"),
        }
    )
    stage("drawing the timeline and writing the report and the model card")
    timeline(metrics, events, run_dir / "timeline.png")
    drift_by_feature(psi, metrics, run_dir / "drift_by_feature.png")
    write_events(events, run_dir / "events.csv")
    (run_dir / "report.md").write_text(report(metrics, events), encoding="utf-8")
    (run_dir / "model_card.md").write_text(model_card(metrics), encoding="utf-8")
    return metrics


def _rollback_drill(
    monitor: Any, previous_alias: str, batch: int, X: np.ndarray, y: np.ndarray
) -> dict[str, Any]:
    """Roll back the last promotion, then serve one more batch: which version served it."""
    replaced = monitor.alias(previous_alias)
    if replaced is None:
        return {"done": False, "why": "no promotion happened: nothing to roll back to"}
    before = monitor.champion
    restored = monitor.rollback()
    predictions = monitor.predict(batch, X)
    served_by = next(e.version for e in reversed(monitor.events) if e.kind == "drift")
    return {
        "done": True,
        "champion_before": before,
        "restored": restored,
        "restored_is_previous": restored == replaced,
        "served_by": served_by,
        "champion_after": monitor.champion,
        "probe_batch": batch,
        "probe_accuracy": float(np.mean(np.asarray(predictions) == y)),
    }


def replay(events: list[dict[str, Any]], champion_now: str, champion_alias: str) -> list[str]:
    """What is inconsistent in an event log, replayed from the start (empty: nothing).

    Every batch is served (a "drift" event) by the version the deployment, promotions and
    rollbacks so far made champion, and scored once; every promoted or rejected version was
    trained before, on batches before the one it was judged on; the champion at the end is
    the one the registry's `champion_alias` names now.
    """
    problems: list[str] = []
    champion: str | None = None
    trained: dict[str, int] = {}
    served: Counter[int] = Counter()
    scored: Counter[int] = Counter()
    for e in events:
        kind, batch, version = e["kind"], e["batch"], e["version"]
        if kind == "deployed":
            champion = version
        elif kind == "drift":
            served[batch] += 1
            if version != champion:
                problems.append(f"batch {batch} served by {version}, champion was {champion}")
        elif kind == "performance":
            scored[batch] += 1
            if served[batch] != 1:
                problems.append(f"batch {batch} scored before it was served")
        elif kind == "retrained":
            if version in trained or version == champion:
                problems.append(f"version {version} trained twice")
            trained[version] = batch
        elif kind in ("promoted", "rejected"):
            if version not in trained:
                problems.append(f"version {version} {kind} but never trained")
            elif batch <= trained[version]:
                problems.append(f"version {version} judged on batch {batch}, not fresh rows")
            if kind == "promoted":
                champion = version
        elif kind == "rollback":
            champion = version
    problems += [f"batch {b} served {n} times" for b, n in served.items() if n != 1]
    problems += [f"batch {b} scored {n} times" for b, n in scored.items() if n != 1]
    if champion != champion_now:
        problems.append(f"the log ends with {champion}, the {champion_alias!r} alias names "
                        f"{champion_now}")  # fmt: skip
    return problems


def _first(events: list[dict[str, Any]], kind: str, from_batch: int = 0) -> int | None:
    return next(
        (e["batch"] for e in events if e["kind"] == kind and e["batch"] >= from_batch), None
    )


def _mean(values: list[float]) -> float | None:
    return float(np.mean(values)) if values else None


def _metrics(
    sol: ModuleType,
    monitor: Any,
    events: list[dict[str, Any]],
    static: list[float],
    psi: np.ndarray,
    stream_events: int,
) -> dict[str, Any]:
    """The loop's measurements, from its event log (the stream's part, before the drill)."""
    log = events[:stream_events]
    accuracy = {e["batch"]: e["value"] for e in log if e["kind"] == "performance"}
    served = {e["batch"]: e["version"] for e in log if e["kind"] == "drift"}
    before = [b for b in sorted(accuracy) if b < CHANGE_AT]
    after = [b for b in sorted(accuracy) if b >= CHANGE_AT]
    final = served[max(served)] if served else None
    by_final = [b for b in after if served.get(b) == final and final != served.get(0)]
    drift_alert = _first(log, "drift_alert", CHANGE_AT)
    performance_alert = _first(log, "performance_alert", CHANGE_AT)
    kinds = Counter(e["kind"] for e in log)
    return {
        "baseline_accuracy": monitor.baseline,
        "batch_accuracy": [accuracy.get(b) for b in range(len(static))],
        "static_batch_accuracy": static,
        "served_by": [served.get(b) for b in range(len(static))],
        "max_psi": [float(v) for v in psi.max(axis=1)],
        "loop_accuracy_before_change": _mean([accuracy[b] for b in before]),
        "loop_accuracy_after_change": _mean([accuracy[b] for b in after]),
        "static_accuracy_after_change": _mean([static[b] for b in after]),
        "final_champion_accuracy": _mean([accuracy[b] for b in by_final]),
        "static_accuracy_same_batches": _mean([static[b] for b in by_final]),
        "final_champion_batches": len(by_final),
        "false_drift_alerts": sum(
            e["kind"] == "drift_alert" and e["batch"] < CHANGE_AT for e in log
        ),
        "false_performance_alerts": sum(
            e["kind"] == "performance_alert" and e["batch"] < CHANGE_AT for e in log
        ),
        "first_drift_alert": drift_alert,
        "drift_alert_delay_batches": None if drift_alert is None else drift_alert - CHANGE_AT,
        "first_performance_alert": performance_alert,
        # the labels of a batch arrive LABEL_DELAY batches after it was served
        "performance_alert_delay_batches": None
        if performance_alert is None
        else performance_alert + LABEL_DELAY - CHANGE_AT,
        "retrainings": kinds["retrained"],
        "promotions": kinds["promoted"],
        "rejections": kinds["rejected"],
        "event_counts": dict(sorted(kinds.items())),
        "drift_feature_psi_after_change": [float(v) for v in psi[CHANGE_AT:].mean(axis=0)]
        if len(psi) > CHANGE_AT
        else [],
    }


def _version(module: str) -> str:
    import importlib

    try:
        return str(importlib.import_module(module).__version__)
    except ImportError:
        return "not installed"


def _when(event: dict[str, Any]) -> float:
    """Where an event goes on the time axis (the batch being served when it happened)."""
    shift = LABEL_DELAY if event["kind"] in LABEL_EVENTS else 0
    return float(event["batch"] + shift)


MARKS = {  # event kind -> colour, line style, legend label
    "retrained": ("tab:orange", ":", "challenger trained"),
    "promoted": ("tab:green", "-", "challenger promoted"),
    "rejected": ("tab:red", "-", "challenger rejected"),
    "rollback": ("tab:purple", "--", "rollback"),
}


def timeline(metrics: dict[str, Any], events: list[dict[str, Any]], path: Path) -> None:
    """Accuracy of each batch (the loop, and the first champion never retrained), the worst
    feature's PSI with the drift alerts, and the retraining, promotion and rollback events
    on the same time axis."""
    plt = pyplot()
    t = metrics["thresholds"]
    batches = np.arange(len(metrics["static_batch_accuracy"]))
    loop = np.array([np.nan if a is None else a for a in metrics["batch_accuracy"]], dtype=float)
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6.4), sharex=True)
    top.plot(batches, loop, marker="o", ms=3, label="served by the loop")
    top.plot(batches, metrics["static_batch_accuracy"], color="grey", ls="--",
             label="first champion, never retrained")  # fmt: skip
    if metrics["baseline_accuracy"] is not None:
        bar = metrics["baseline_accuracy"] - t["accuracy_drop"]
        top.axhline(bar, color="tab:red", lw=0.8, ls=":", label="performance alert under")
    alerts = [e["batch"] for e in events if e["kind"] == "performance_alert"]
    top.scatter(alerts, loop[alerts] if alerts else [], color="tab:red", zorder=3, s=18,
                label="performance alert (at the batch scored)")  # fmt: skip
    top.set_ylabel("accuracy of the batch")
    top.set_title("The MLOps loop on a seeded stream: accuracy, drift and decisions")
    bottom.plot(batches, metrics["max_psi"], color="tab:blue", label="largest PSI of a feature")
    bottom.axhline(t["psi"], color="tab:red", lw=0.8, ls=":", label="drift alert above")
    drift = sorted({e["batch"] for e in events if e["kind"] == "drift_alert"} & set(batches))
    bottom.scatter(drift, np.asarray(metrics["max_psi"])[drift] if drift else [], s=14,
                   color="tab:red", zorder=3, label="drift alert")  # fmt: skip
    bottom.set_yscale("symlog", linthresh=0.05)
    bottom.set_ylabel("PSI against the reference rows")
    bottom.set_xlabel(f"batch served (labels arrive {LABEL_DELAY} batches later)")
    for ax in (top, bottom):
        ax.axvline(CHANGE_AT - 0.5, color="black", ls="--", lw=1, label="the stream changes")
        drawn: set[str] = set()
        for e in events:
            if e["kind"] in MARKS:
                colour, style, text = MARKS[e["kind"]]
                ax.axvline(_when(e) + 0.5, color=colour, ls=style, lw=1.2,
                           label=None if text in drawn else text)  # fmt: skip
                drawn.add(text)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7, loc="lower left" if ax is top else "upper left", ncol=2)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def drift_by_feature(psi: np.ndarray, metrics: dict[str, Any], path: Path) -> None:
    """PSI of every feature on every batch against the reference rows (a heat map)."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(10, 2.6))
    image = ax.imshow(psi.T, aspect="auto", cmap="magma", interpolation="nearest")
    ax.set_yticks(range(psi.shape[1]), [f"x{j}" for j in range(psi.shape[1])])
    ax.axvline(CHANGE_AT - 0.5, color="white", ls="--", lw=1)
    ax.set_xlabel("batch served")
    ax.set_title(f"PSI of each feature (drift alert above {metrics['thresholds']['psi']:g})")
    fig.colorbar(image, ax=ax, label="PSI")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def write_events(events: list[dict[str, Any]], path: Path) -> None:
    """The event log as CSV, in the order the loop took its decisions."""
    fields = ["kind", "batch", "version", "value", "note"]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(events)


def _num(value: Any, spec: str = ".3f") -> str:
    return "n/a" if value is None else format(value, spec)


def _decisions(events: list[dict[str, Any]]) -> str:
    """The decisions of the log as a Markdown table: deployment, retraining, promotions,
    rejections, rollbacks, and the first alert of each kind after each of them (the
    routine measurements and the repeated alerts are in events.csv)."""
    rows = ["| batch | event | version | value | note |", "|---|---|---|---|---|"]
    alerted: set[str] = set()
    repeated: Counter[str] = Counter()
    for e in events:
        kind = e["kind"]
        if kind in ("drift", "performance"):
            continue
        if kind.endswith("_alert"):
            if kind in alerted:
                repeated[kind] += 1
                continue
            alerted.add(kind)
        else:
            alerted.clear()  # after a decision, the next alert of each kind is shown again
        rows.append(
            f"| {e['batch']} | {kind} | {e['version'] or ''} | {_num(e['value'], '.4g')} | "
            f"{e['note']} |"
        )
    more = ", ".join(f"{n} more {kind.replace('_', ' ')}s" for kind, n in sorted(repeated.items()))
    return "\n".join(rows) + (f"\n\nNot listed: {more} (see `events.csv`)." if more else "")


def _drill_line(drill: dict[str, Any]) -> str:
    if not drill["done"]:
        return f"Rollback drill: not run ({drill['why']})."
    verdict = "as it should" if drill["served_by"] == drill["restored"] else "**not** as it should"
    previous = (
        "the version the alias 'previous' named"
        if drill["restored_is_previous"]
        else "**not** the version the alias 'previous' named"
    )
    return (
        f"Rollback drill: after the stream, `rollback()` moved the champion from version "
        f"{drill['champion_before']} back to version {drill['restored']} ({previous}); the "
        f"next batch (batch "
        f"{drill['probe_batch']}, drawn after the change) was served by version "
        f"{drill['served_by']}, {verdict}, at accuracy {drill['probe_accuracy']:.3f}."
    )


def report(metrics: dict[str, Any], events: list[dict[str, Any]]) -> str:
    """report.md: what the loop measured and decided, with the figures."""
    s, t = metrics["stream"], metrics["thresholds"]
    consistent = (
        "consistent: every batch was served by the version the aliases named, every "
        "challenger was judged on rows it never learned from"
        if metrics["events_consistent"]
        else "**inconsistent**: " + "; ".join(metrics["event_problems"])
    )
    features = ", ".join(
        f"x{j} {v:.3f}" for j, v in enumerate(metrics["drift_feature_psi_after_change"])
    )
    before = _num(metrics["loop_accuracy_before_change"])
    return f"""# The MLOps loop on a seeded stream

**After the change the loop served at {_num(metrics["loop_accuracy_after_change"])} accuracy,
the first champion never retrained at {_num(metrics["static_accuracy_after_change"])}**
(batches {s["change_at"]} to {s["batches"] - 1}); before it, {before}
(baseline on the reference rows {_num(metrics["baseline_accuracy"])}).

The stream: {s["batches"]} batches of {s["batch_size"]:,} rows, {s["features"]} features,
seed {s["seed"]}; from batch {s["change_at"]} on an input moves and the concept changes (the
solution's `make_stream`). The first champion learned {s["reference_rows"]:,} reference rows
drawn before the change. Labels arrive {s["label_delay"]} batches after their batch is served.

- Drift alert (PSI above {t["psi"]:g}): first at batch {metrics["first_drift_alert"]}, a delay of
  {metrics["drift_alert_delay_batches"]} batches; {metrics["false_drift_alerts"]} before the
  change.
- Performance alert (accuracy under the baseline minus {t["accuracy_drop"]:g}): first for batch
  {metrics["first_performance_alert"]}, known {metrics["performance_alert_delay_batches"]}
  batches after the change (its labels came later); {metrics["false_performance_alerts"]}
  before the change.
- {metrics["retrainings"]} challengers trained, {metrics["promotions"]} promoted,
  {metrics["rejections"]} rejected (a promotion needs a gain of {t["min_gain"]:g} on fresh
  labelled rows). The last champion, version {metrics["final_champion"]}, served
  {metrics["final_champion_batches"]} batches at {_num(metrics["final_champion_accuracy"])}
  (the first champion on the same batches: {_num(metrics["static_accuracy_same_batches"])}).
- {_drill_line(metrics["rollback"])}
- The event log replayed: {consistent}.
- The loop served {s["batches"] * s["batch_size"]:,} rows in {metrics["loop_seconds"]:.1f} s
  ({metrics["loop_cpu_seconds"]:.1f} s of CPU, registry writes included); starting MLflow
  and deploying took {metrics["setup_cpu_seconds"]:.1f} s of CPU. MLflow {metrics["mlflow"]},
  scikit-learn {metrics["scikit_learn"]}.

## Timeline

![timeline](timeline.png)

Decisions taken when labels arrive (scores, retraining, promotions) are drawn at the batch
being served then. The grey dashed line is what the same stream gets without the loop.

## Drift of each feature

![drift by feature](drift_by_feature.png)

Mean PSI after the change: {features}. PSI sees the inputs only: a concept change that
leaves the inputs alone is seen only when labels arrive.

## Decisions

{_decisions(events)}

The full log is `events.csv`; the registry (MLflow, SQLite) is in `registry/`.
"""


def model_card(metrics: dict[str, Any]) -> str:
    """model_card.md: the champion the loop ended the stream with."""
    s, final = metrics["stream"], metrics["final_champion"]
    if final == metrics["first_version"]:
        how = (
            "the first champion, trained on the reference rows: the loop promoted no "
            "challenger over it"
        )
    else:
        how = (
            "trained by the loop on its most recent labelled batches after a performance "
            "alert, and promoted because it beat the champion on fresh labelled rows"
        )
    return f"""# Model card: the champion at the end of the stream (version {final})

## Model
The m11-monitoring solution's `train_model` (a scikit-learn pipeline), version
{metrics["final_champion"]} of the registered model in `registry/` (MLflow): {how}.

## Intended use
Learning material of the airoadmap roadmap (its MLOps month): how a model is watched, retrained,
promoted and rolled back. It classifies rows of the synthetic stream of this run, nothing
else.

## Data
The seeded synthetic stream of the solution's `make_stream` (seed {s["seed"]}, {s["features"]}
features, {s["batch_size"]:,} rows a batch), after its change at batch {s["change_at"]}.

## Evaluation
- Accuracy {_num(metrics["final_champion_accuracy"])} over the {metrics["final_champion_batches"]}
  batches it served, each scored when its labels arrived (rows it never trained on); the first
  champion on the same batches: {_num(metrics["static_accuracy_same_batches"])}.
- The loop over all batches after the change: {_num(metrics["loop_accuracy_after_change"])}.

## Limitations
- One synthetic stream and one seed: the delays and accuracies are those of this run.
- PSI is measured against the first reference rows, which the loop does not replace: after a
  lasting change it keeps alerting (see the timeline) until the reference is renewed.
- Labels arrive {s["label_delay"]} batches late: a concept change costs at least that many
  batches before any retraining.
"""
