"""An MLOps loop: serve, watch, retrain, promote only when better, roll back (m11-monitoring).

Traffic comes in batches. `Monitor.predict(batch, X)` is the service: it answers with the
model the registry's "champion" alias points to and measures how far the batch's inputs have
moved from the reference rows (PSI per feature). Labels come later: `Monitor.labels(batch, y)`
scores the predictions that were served for that batch, raises a performance alert under the
stated accuracy and, if the model that served that batch still serves, retrains a challenger
on the most recent labelled rows. The challenger is registered in MLflow under the alias
"challenger" and judged on the next labelled batch, rows neither model has learned from: it
becomes the champion only if it beats the champion there by `min_gain`; the old champion
keeps the alias "previous", so `rollback()` can restore it. Every decision goes into
`events`, in the order it was taken.

Your work: train_model, psi, accuracy and the Monitor's methods that raise
NotImplementedError (the brief says what each must do). Event, Thresholds, make_stream,
Monitor.__init__, simulate and run_stream are given: keep their names, the checks use them.

The service is a function called in-process (`predict`), not an HTTP app: m10-serve graded
the HTTP side; here what matters is the loop around it, and starting a server per run would
cost more than the whole loop.

Why it is right: the only accuracy that counts is measured on rows a model never trained on;
the alias, not a variable in memory, says which version serves, so any process reading the
registry agrees with the loop; a promotion is reversible because the version it replaced is
named.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

MODEL_NAME = "m11-monitoring"
REGISTRY_FILE = "registry.db"  # the MLflow database inside the monitor's folder
CHAMPION, CHALLENGER, PREVIOUS = "champion", "challenger", "previous"
PSI_BINS, PSI_FLOOR = 10, 1e-4

# MLflow reads these when it is imported; a user's own setting wins.
OFFLINE_ENV = {
    "MLFLOW_DISABLE_TELEMETRY": "true",
    "MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR": "false",
    "GIT_PYTHON_REFRESH": "quiet",
}


class Model(Protocol):
    """What the loop serves: anything with scikit-learn's predict."""

    def predict(self, X: np.ndarray) -> np.ndarray: ...


Train = Callable[[np.ndarray, np.ndarray], Model]


@dataclass(frozen=True)
class Thresholds:
    """When the monitor raises an alert, and when a challenger wins."""

    psi: float = 0.2  # drift alert: some feature's PSI against the reference above this
    accuracy_drop: float = 0.05  # performance alert: accuracy under the baseline minus this
    min_gain: float = 0.01  # promotion: the challenger's accuracy beats the champion's by this
    retrain_batches: int = 2  # a challenger learns from the last this-many labelled batches


@dataclass(frozen=True)
class Event:
    """One thing the loop measured or decided, about one batch of traffic.

    kind: "deployed", "drift", "drift_alert", "performance", "performance_alert",
    "retrained", "promoted", "rejected" or "rollback". version: the model version it concerns
    (the one that served, the challenger registered, the champion restored). value: the
    measurement (PSI, accuracy, rows trained on).
    """

    kind: str
    batch: int
    version: str | None = None
    value: float | None = None
    note: str = ""


def make_stream(
    seed: int, *, batches: int = 24, batch_size: int = 500, change_at: int = 12
) -> list[tuple[np.ndarray, np.ndarray]]:
    """A seeded stream of (X, y) batches: 4 features, a binary label; from batch
    `change_at` on, feature x0 moves by one standard deviation and the concept changes (x0
    stops mattering, x3 starts)."""
    rng = np.random.default_rng(seed)
    stream = []
    for batch in range(batches):
        after = batch >= change_at
        X = rng.normal(size=(batch_size, 4))
        if after:
            X[:, 0] += 1.0
        weights = np.array([0.0, -1.0, 0.8, 2.0]) if after else np.array([2.0, -1.0, 0.8, 0.0])
        logits = 2.0 * (X @ weights) + rng.logistic(size=batch_size)
        stream.append((X, (logits > 0).astype(int)))
    return stream


def train_model(X: np.ndarray, y: np.ndarray) -> Model:
    """The model the loop retrains, fitted on X, y (scaled inputs, a logistic regression)."""
    raise NotImplementedError("train_model: build and fit the model the loop retrains")


def psi(reference: np.ndarray, current: np.ndarray, bins: int = PSI_BINS) -> np.ndarray:
    """Population stability index of each column, on quantile bins of the reference."""
    raise NotImplementedError("psi: one value per column, as in m11-drift")


def accuracy(predictions: np.ndarray, y: np.ndarray) -> float:
    """The share of predictions equal to the labels."""
    raise NotImplementedError("accuracy")


class Monitor:
    """The loop around one registered model, its registry in `folder` (MLflow, SQLite)."""

    def __init__(
        self,
        folder: Path | str,
        reference_X: np.ndarray,
        reference_y: np.ndarray,
        *,
        thresholds: Thresholds | None = None,
        train: Train = train_model,
        model_name: str = MODEL_NAME,
    ) -> None:
        self.folder = Path(folder)
        (self.folder / "models").mkdir(parents=True, exist_ok=True)
        self.uri = f"sqlite:///{self.folder / REGISTRY_FILE}"
        self.reference_X = np.asarray(reference_X, dtype=float)
        self.reference_y = np.asarray(reference_y)
        self.thresholds = thresholds or Thresholds()
        self.train = train
        self.model_name = model_name
        self.events: list[Event] = []
        self.baseline: float | None = None  # the champion's accuracy on the reference rows
        # Add what else the loop must remember: what was served per batch (and by which
        # version), the labelled rows, the models loaded.

    @functools.cached_property
    def client(self) -> Any:
        """An MlflowClient on the registry, made on first use (MLflow takes about a second to
        import, and creates its database then)."""
        for name, value in OFFLINE_ENV.items():
            os.environ.setdefault(name, value)
        from mlflow import MlflowClient

        return MlflowClient(tracking_uri=self.uri, registry_uri=self.uri)

    def alias(self, alias: str) -> str | None:
        """The version an alias points to, or None (MlflowException when it is not set)."""
        raise NotImplementedError("alias: client.get_model_version_by_alias")

    @property
    def champion(self) -> str:
        """The version that serves now (the alias 'champion')."""
        raise NotImplementedError("champion")

    def deploy(self, model: Model) -> str:
        """Register the first model (a joblib file as the version's source), make it the
        champion, measure its baseline accuracy on the reference rows, log 'deployed'."""
        raise NotImplementedError("deploy")

    def predict(self, batch: int, X: np.ndarray) -> np.ndarray:
        """Serve one batch with the champion; log its drift ('drift', 'drift_alert')."""
        raise NotImplementedError("predict")

    def labels(self, batch: int, y: np.ndarray) -> None:
        """The labels of a batch served earlier: judge a waiting challenger on them, score
        the predictions served ('performance', 'performance_alert'), retrain after an
        alert ('retrained')."""
        raise NotImplementedError("labels")

    def rollback(self) -> str:
        """Make the previous champion the champion again; returns its version."""
        raise NotImplementedError("rollback")


def simulate(
    monitor: Monitor, stream: list[tuple[np.ndarray, np.ndarray]], *, label_delay: int = 2
) -> Iterator[tuple[int, np.ndarray]]:
    """Run the stream through the monitor: batch t is served at step t, its labels arrive
    `label_delay` steps later. Yields (batch, predictions) as they are served."""
    for step in range(len(stream) + label_delay):
        if step < len(stream):
            yield step, monitor.predict(step, stream[step][0])
        if step >= label_delay:
            monitor.labels(step - label_delay, stream[step - label_delay][1])


def run_stream(monitor: Monitor, stream: list[tuple[np.ndarray, np.ndarray]], **kw: Any) -> None:
    """`simulate` to the end."""
    for _ in simulate(monitor, stream, **kw):
        pass
