"""`airoadmap run m10-container`: build the m10-serve service's image and ask it /health.

Where Podman or Docker works, the project assembles a build context (the m10-container
solution's Dockerfile, .dockerignore and healthcheck.py, the m10-serve solution's app.py, a
requirements.txt pinned to the versions installed here, and the month-6 pipeline saved as an
MLflow model under model/), builds the image, runs it with `--network none` and asks /health
the way the image's HEALTHCHECK does: `python healthcheck.py` inside the container, until it
answers 0 or the wait runs out. Where no engine works (none installed, no daemon, or the
build fails, e.g. a base image that cannot be pulled offline), it says so in one line and
records the run as skipped; the tail of the engine's output goes to report.md.

Either way the run writes report.md and container.json (what was tried, what answered) and
returns the metrics: skipped, built, healthy (0 or 1) and the seconds each step took.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from airoadmap.lab.reference import reference_file
from airoadmap.lab.stages import stage

EXERCISE = "m10-container"
SERVICE = "m10-serve"
ENGINES = ("podman", "docker")
IMAGE = "airoadmap-m10-container:run"
IMAGE_FILES = ("Dockerfile", ".dockerignore", "healthcheck.py")
REQUIREMENTS = ("fastapi", "uvicorn", "pydantic", "mlflow", "scikit-learn", "pandas", "numpy",
                "prometheus-client")  # fmt: skip
INFO_TIMEOUT_S = 20.0
BUILD_TIMEOUT_S = 900.0
HEALTHY_WAIT_S = 120.0  # the app imports mlflow and loads the model before /health answers
POLL_S = 2.0
HEALTHY_STATUS = 200  # what healthcheck.py needs from /health to exit 0
TAIL_CHARS = 2000


@dataclass
class Attempt:
    """What the run tried and what answered."""

    engine: str = ""
    skipped: bool = True
    reason: str = ""
    built: bool = False
    healthy: bool = False
    seconds: dict[str, float] = field(default_factory=dict)
    log_tail: str = ""


def find_engine(candidates: tuple[str, ...] = ENGINES) -> tuple[str | None, str]:
    """The first container engine that answers `info`, or None and why none did."""
    found = [(name, shutil.which(name)) for name in candidates]
    installed = [(name, path) for name, path in found if path]
    if not installed:
        return None, f"no container engine installed ({' or '.join(candidates)} not on PATH)"
    reasons = []
    for name, path in installed:
        assert path is not None
        try:
            answer = subprocess.run(
                [path, "info"], capture_output=True, text=True, timeout=INFO_TIMEOUT_S,
                check=False,
            )  # fmt: skip
        except (OSError, subprocess.TimeoutExpired) as exc:
            reasons.append(f"{name}: {type(exc).__name__}")
            continue
        if answer.returncode == 0:
            return path, ""
        last = (answer.stderr or answer.stdout).strip().splitlines()
        reasons.append(
            f"{name} info failed: {last[-1] if last else 'exit ' + str(answer.returncode)}"
        )
    return None, "; ".join(reasons)


def requirements() -> str:
    """requirements.txt for the image: the service's libraries at the versions installed here."""
    lines = []
    for name in REQUIREMENTS:
        try:
            lines.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            lines.append(name)
    return "\n".join(lines) + "\n"


def save_model(folder: Path) -> None:
    """The month-6 pipeline, fitted on the Titanic passengers, saved as an MLflow model with
    its signature (what the m10-serve app loads from MODEL_URI)."""
    from mlflow.models import infer_signature
    from mlflow.sklearn import save_model as save

    from airoadmap.lab.pipeline.tracking import offline_environment, quiet_mlflow
    from airoadmap.lab.serve.model import load_passengers, split, train

    offline_environment()
    frame = load_passengers()
    pipeline, _, _ = train(frame)
    X_train, _, _, _ = split(frame)
    with quiet_mlflow():
        save(
            pipeline, str(folder), signature=infer_signature(X_train, pipeline.predict(X_train)),
            serialization_format="pickle", metadata={"version": "1"},
        )  # fmt: skip


def build_context(
    folder: Path, *, sources: dict[str, Path] | None = None, with_model: bool = True
) -> Path:
    """Assemble the build context in `folder`: the image's files (`sources`, default the
    solution's), the app, the requirements and (with_model) the model."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in IMAGE_FILES:
        source = (sources or {}).get(name) or reference_file(EXERCISE, name)
        shutil.copyfile(source, folder / name)
    shutil.copyfile(reference_file(SERVICE, "app.py"), folder / "app.py")
    (folder / "requirements.txt").write_text(requirements(), encoding="utf-8")
    if with_model:
        save_model(folder / "model")
    else:
        (folder / "model").mkdir(exist_ok=True)
    return folder


def _run(command: list[str], timeout_s: float) -> tuple[int, str]:
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout_s, check=False
        )
    except subprocess.TimeoutExpired as exc:
        return 124, f"{' '.join(command[:3])} ... ran past {timeout_s:g} s: {exc.output or ''}"
    return done.returncode, (done.stdout or "") + (done.stderr or "")


def build_and_probe(engine: str, context: Path, attempt: Attempt) -> Attempt:
    """Build the image from `context`, run it with --network none, and ask /health inside
    the container until healthcheck.py exits 0 or HEALTHY_WAIT_S runs out."""
    attempt.engine = Path(engine).name
    started = time.monotonic()
    stage(f"building the image with {attempt.engine}")
    code, out = _run([engine, "build", "-t", IMAGE, str(context)], BUILD_TIMEOUT_S)
    attempt.seconds["build"] = round(time.monotonic() - started, 1)
    if code != 0:
        attempt.reason = f"{attempt.engine} build failed (exit {code})"
        attempt.log_tail = out[-TAIL_CHARS:]
        return attempt
    attempt.built = True
    stage("running it with --network none and asking /health inside the container")
    code, out = _run([engine, "run", "-d", "--network", "none", IMAGE], INFO_TIMEOUT_S)
    container = out.strip().splitlines()[-1] if code == 0 and out.strip() else ""
    if not container:
        attempt.reason = f"{attempt.engine} run failed (exit {code})"
        attempt.log_tail = out[-TAIL_CHARS:]
        return attempt
    try:
        started = time.monotonic()
        while time.monotonic() - started < HEALTHY_WAIT_S:
            code, out = _run(
                [engine, "exec", container, "python", "healthcheck.py"], INFO_TIMEOUT_S
            )
            if code == 0:
                attempt.healthy = True
                break
            time.sleep(POLL_S)
        attempt.seconds["healthy_after"] = round(time.monotonic() - started, 1)
        if not attempt.healthy:
            attempt.reason = f"/health did not answer {HEALTHY_STATUS} within {HEALTHY_WAIT_S:g} s"
            attempt.log_tail = _run([engine, "logs", container], INFO_TIMEOUT_S)[1][-TAIL_CHARS:]
    finally:
        _run([engine, "rm", "-f", container], INFO_TIMEOUT_S)
    attempt.skipped = False
    return attempt


def report(attempt: Attempt) -> str:
    """report.md: what was tried and what answered."""
    if attempt.skipped:
        lines = [
            "# m10-container: the image, built and probed",
            "",
            f"Skipped: {attempt.reason.rstrip('.?! ')}.",
            "",
            "The Dockerfile and the manifests are graded statically (`airoadmap check "
            "m10-container`); this run needs Podman or Docker with a working daemon and the "
            "base image at hand.",
        ]
    else:
        verdict = "answered" if attempt.healthy else "did not answer"
        lines = [
            "# m10-container: the image, built and probed",
            "",
            f"Engine: {attempt.engine}. Built in {attempt.seconds.get('build', 0):g} s; "
            f"/health {verdict} {HEALTHY_STATUS} (asked inside the container with `python "
            "healthcheck.py`, "
            f"network none) after {attempt.seconds.get('healthy_after', 0):g} s.",
        ]
    if attempt.log_tail:
        lines += ["", "The end of the engine's output:", "", "```", attempt.log_tail, "```"]
    return "\n".join(lines) + "\n"


def run(run_dir: Path) -> dict[str, Any]:
    """Build and probe the image where an engine works; say why not where none does."""
    # The image's files, whose they are (the solution's, or the learner's with --mine), are
    # logged in run.json also when no engine can build them.
    sources = {name: reference_file(EXERCISE, name) for name in IMAGE_FILES}
    stage("looking for a container engine (podman, docker)")
    attempt = Attempt()
    engine, attempt.reason = find_engine()
    if engine is not None:
        with tempfile.TemporaryDirectory(prefix="airoadmap-m10-container-") as tmp:
            stage("assembling the build context (the app, its requirements, the model)")
            context = build_context(Path(tmp) / "context", sources=sources)
            attempt = build_and_probe(engine, context, attempt)
    if attempt.skipped:
        print(skip_line(attempt.reason))
    (run_dir / "report.md").write_text(report(attempt), encoding="utf-8")
    (run_dir / "container.json").write_text(
        json.dumps(asdict(attempt), indent=2) + "\n", encoding="utf-8"
    )
    return {
        "skipped": int(attempt.skipped),
        "built": int(attempt.built),
        "healthy": int(attempt.healthy),
        "build_s": attempt.seconds.get("build", 0.0),
    }


def skip_line(reason: str) -> str:
    """The one line a skipped run prints: the reason as the engine gave it (its own "?" kept),
    ending as a sentence."""
    reason = reason.strip()
    return f"m10-container: skipped: {reason}" + ("" if reason.endswith((".", "?", "!")) else ".")
