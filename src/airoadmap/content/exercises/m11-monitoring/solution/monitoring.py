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

The service is a function called in-process (`predict`), not an HTTP app: m10-serve graded
the HTTP side; here what matters is the loop around it, and starting a server per run would
cost more than the whole loop.

Why it is right: the only accuracy that counts is measured on rows a model never trained on;
the alias, not a variable in memory, says which version serves, so any process reading the
registry agrees with the loop; a promotion is reversible because the version it replaced is
named.
"""

from __future__ import annotations

import contextlib
import functools
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import joblib
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

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
    """The model the loop retrains: scaled inputs, a logistic regression."""
    return make_pipeline(StandardScaler(), LogisticRegression()).fit(X, y)


def psi(reference: np.ndarray, current: np.ndarray, bins: int = PSI_BINS) -> np.ndarray:
    """Population stability index of each column, on quantile bins of the reference."""
    inner = np.arange(1, bins) / bins
    edges = np.quantile(reference, inner, axis=0)  # (bins - 1) x columns
    values = np.empty(reference.shape[1])
    for j in range(reference.shape[1]):
        ref_bins = np.searchsorted(edges[:, j], reference[:, j], side="right")
        cur_bins = np.searchsorted(edges[:, j], current[:, j], side="right")
        ref_share = np.maximum(np.bincount(ref_bins, minlength=bins) / len(reference), PSI_FLOOR)
        cur_share = np.maximum(np.bincount(cur_bins, minlength=bins) / len(current), PSI_FLOOR)
        values[j] = np.sum((cur_share - ref_share) * np.log(cur_share / ref_share))
    return values


def accuracy(predictions: np.ndarray, y: np.ndarray) -> float:
    """The share of predictions equal to the labels."""
    return float(np.mean(np.asarray(predictions) == np.asarray(y)))


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
        self._served: dict[int, tuple[np.ndarray, np.ndarray, str]] = {}  # X, predictions, v
        self._labelled: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # batch -> X, y
        self._models: dict[str, Model] = {}

    @functools.cached_property
    def client(self) -> Any:
        """An MlflowClient on the registry, made on first use (MLflow takes about a second to
        import, and creates its database then)."""
        for name, value in OFFLINE_ENV.items():
            os.environ.setdefault(name, value)
        from mlflow import MlflowClient

        return MlflowClient(tracking_uri=self.uri, registry_uri=self.uri)

    # --- the registry ---------------------------------------------------------------------

    def _register(self, model: Model, note: str) -> str:
        """A new version of the registered model; its file is the version's source."""
        from mlflow.exceptions import MlflowException

        try:
            self.client.get_registered_model(self.model_name)
        except MlflowException:
            self.client.create_registered_model(self.model_name)
        path = self.folder / "models" / f"{self.model_name}-{uuid.uuid4().hex}.joblib"
        joblib.dump(model, path)
        created = self.client.create_model_version(
            self.model_name, source=str(path), description=note
        )
        version = str(created.version)
        self._models[version] = model
        return version

    def alias(self, alias: str) -> str | None:
        """The version an alias points to, or None."""
        from mlflow.exceptions import MlflowException

        try:
            return str(self.client.get_model_version_by_alias(self.model_name, alias).version)
        except MlflowException:
            return None

    def _set_alias(self, alias: str, version: str | None) -> None:
        if version is None:
            from mlflow.exceptions import MlflowException

            with contextlib.suppress(MlflowException):  # not set: nothing to remove
                self.client.delete_registered_model_alias(self.model_name, alias)
        else:
            self.client.set_registered_model_alias(self.model_name, alias, version)

    def _load(self, version: str) -> Model:
        if version not in self._models:
            source = self.client.get_model_version(self.model_name, version).source
            self._models[version] = joblib.load(source)
        return self._models[version]

    @property
    def champion(self) -> str:
        """The version that serves now."""
        version = self.alias(CHAMPION)
        if version is None:
            raise RuntimeError("no champion yet: call deploy(model) first")
        return version

    # --- the loop ---------------------------------------------------------------------------

    def deploy(self, model: Model) -> str:
        """Register the first model, make it the champion, measure its baseline accuracy on
        the reference rows."""
        version = self._register(model, "the first champion")
        self._set_alias(CHAMPION, version)
        self.baseline = accuracy(model.predict(self.reference_X), self.reference_y)
        self.events.append(Event("deployed", -1, version, self.baseline, "baseline accuracy"))
        return version

    def predict(self, batch: int, X: np.ndarray) -> np.ndarray:
        """Serve one batch with the champion; measure its drift from the reference."""
        X = np.asarray(X, dtype=float)
        version = self.champion
        predictions = np.asarray(self._load(version).predict(X))
        self._served[batch] = (X, predictions, version)
        scores = psi(self.reference_X, X)
        worst = int(np.argmax(scores))
        self.events.append(Event("drift", batch, version, float(scores[worst]), f"x{worst}"))
        if scores[worst] > self.thresholds.psi:
            note = f"PSI of x{worst} above {self.thresholds.psi}"
            self.events.append(Event("drift_alert", batch, version, float(scores[worst]), note))
        return predictions

    def labels(self, batch: int, y: np.ndarray) -> None:
        """The labels of a batch served earlier: judge a waiting challenger on them (fresh
        rows), score the predictions served, retrain after a performance alert."""
        if batch not in self._served:
            raise ValueError(f"labels for batch {batch}, which was never served: predict first")
        if self.baseline is None:
            raise RuntimeError("no champion yet: call deploy(model) first")
        X, predictions, served_by = self._served[batch]
        y = np.asarray(y)
        self._judge_challenger(batch, X, y)
        score = accuracy(predictions, y)
        self.events.append(Event("performance", batch, served_by, score))
        self._labelled[batch] = (X, y)
        if score < self.baseline - self.thresholds.accuracy_drop:
            note = f"accuracy under {self.baseline - self.thresholds.accuracy_drop:.3f}"
            self.events.append(Event("performance_alert", batch, served_by, score, note))
            # A model that no longer serves needs no successor; one challenger at a time.
            if served_by == self.champion and self.alias(CHALLENGER) is None:
                self._retrain(batch)

    def _retrain(self, batch: int) -> None:
        recent = sorted(self._labelled)[-self.thresholds.retrain_batches :]
        X = np.concatenate([self._labelled[b][0] for b in recent])
        y = np.concatenate([self._labelled[b][1] for b in recent])
        note = f"trained on batches {recent[0]}-{recent[-1]}"
        version = self._register(self.train(X, y), note)
        self._set_alias(CHALLENGER, version)
        self.events.append(Event("retrained", batch, version, float(len(y)), note))

    def _judge_challenger(self, batch: int, X: np.ndarray, y: np.ndarray) -> None:
        challenger = self.alias(CHALLENGER)
        if challenger is None:
            return
        trained_on = next(
            e for e in reversed(self.events) if e.kind == "retrained" and e.version == challenger
        )
        if batch <= trained_on.batch:  # not fresh: the challenger may have learned these rows
            return
        champion = self.champion
        new = accuracy(self._load(challenger).predict(X), y)
        old = accuracy(self._load(champion).predict(X), y)
        self._set_alias(CHALLENGER, None)
        note = f"challenger {new:.3f} vs champion {old:.3f} on batch {batch}"
        if new >= old + self.thresholds.min_gain:
            self._set_alias(PREVIOUS, champion)
            self._set_alias(CHAMPION, challenger)
            self.events.append(Event("promoted", batch, challenger, new, note))
        else:
            self.events.append(Event("rejected", batch, challenger, new, note))

    def rollback(self) -> str:
        """Make the previous champion the champion again; returns its version."""
        previous = self.alias(PREVIOUS)
        if previous is None:
            raise ValueError("nothing to roll back to: no version holds the alias 'previous'")
        self._set_alias(CHAMPION, previous)
        self._set_alias(PREVIOUS, None)
        last = max(self._served, default=-1)
        self.events.append(Event("rollback", last, previous, None, "champion restored"))
        return previous


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
