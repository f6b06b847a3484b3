"""Correct, written differently: the drift alert on the largest Kolmogorov-Smirnov statistic
over the features (scipy; the drift event still reports the largest PSI), the loop's memory
in one record per batch, aliases read from the registered model, models pickled under their
version number, no scaler in the model.

File: monitoring.py
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy.stats import ks_2samp
from sklearn.linear_model import LogisticRegression

MODEL_NAME = "m11-monitoring"
REGISTRY_FILE = "registry.db"
KS_ALERT = 0.15  # largest KS statistic; 1,000 vs 500 rows of one distribution stay near 0.05


@dataclass(frozen=True)
class Thresholds:
    psi: float = 0.2
    accuracy_drop: float = 0.05
    min_gain: float = 0.01
    retrain_batches: int = 2


@dataclass(frozen=True)
class Event:
    kind: str
    batch: int
    version: str | None = None
    value: float | None = None
    note: str = ""


@dataclass
class _Batch:
    X: np.ndarray
    predictions: np.ndarray
    served_by: str
    y: np.ndarray | None = None


def make_stream(
    seed: int, *, batches: int = 24, batch_size: int = 500, change_at: int = 12
) -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(seed)
    out = []
    for t in range(batches):
        X = rng.normal(size=(batch_size, 4))
        w = np.array([2.0, -1.0, 0.8, 0.0])
        if t >= change_at:
            X[:, 0] += 1.0
            w = np.array([0.0, -1.0, 0.8, 2.0])
        out.append((X, (2.0 * X @ w + rng.logistic(size=batch_size) > 0).astype(int)))
    return out


def train_model(X: np.ndarray, y: np.ndarray) -> Any:
    return LogisticRegression(max_iter=500).fit(X, y)


def psi(reference: np.ndarray, current: np.ndarray, bins: int = 10) -> np.ndarray:
    out = []
    for ref, cur in zip(reference.T, current.T, strict=True):
        edges = np.quantile(ref, np.linspace(0, 1, bins + 1)[1:-1])
        shares = [
            np.maximum(
                np.bincount(np.searchsorted(edges, s, side="right"), minlength=bins) / len(s), 1e-4
            )
            for s in (ref, cur)
        ]
        out.append(float(np.sum((shares[1] - shares[0]) * np.log(shares[1] / shares[0]))))
    return np.array(out)


def accuracy(predictions: np.ndarray, y: np.ndarray) -> float:
    return float((np.asarray(predictions) == np.asarray(y)).mean())


@dataclass
class Monitor:
    folder: Path | str
    reference_X: np.ndarray
    reference_y: np.ndarray
    thresholds: Thresholds = field(default_factory=Thresholds)
    train: Callable[[np.ndarray, np.ndarray], Any] = train_model
    model_name: str = MODEL_NAME
    events: list[Event] = field(default_factory=list)
    baseline: float | None = None
    batches: dict[int, _Batch] = field(default_factory=dict)
    trained_at: dict[str, int] = field(default_factory=dict)
    _client: Any = None

    def __post_init__(self) -> None:
        self.folder = Path(self.folder)
        (self.folder / "models").mkdir(parents=True, exist_ok=True)
        self.thresholds = self.thresholds or Thresholds()

    @property
    def client(self) -> Any:
        if self._client is None:
            os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
            from mlflow import MlflowClient

            uri = f"sqlite:///{Path(self.folder) / REGISTRY_FILE}"
            self._client = MlflowClient(tracking_uri=uri, registry_uri=uri)
        return self._client

    def aliases(self) -> dict[str, str]:
        from mlflow.exceptions import MlflowException

        try:
            return {
                k: str(v)
                for k, v in self.client.get_registered_model(self.model_name).aliases.items()
            }
        except MlflowException:
            return {}

    def alias(self, name: str) -> str | None:
        return self.aliases().get(name)

    @property
    def champion(self) -> str:
        version = self.alias("champion")
        if version is None:
            raise RuntimeError("deploy a model first")
        return version

    def _register(self, model: Any) -> str:
        if not self.aliases() and not self.client.search_registered_models(
            filter_string=f"name = '{self.model_name}'"
        ):
            self.client.create_registered_model(self.model_name)
        count = len(self.client.search_model_versions(f"name = '{self.model_name}'"))
        path = Path(self.folder) / "models" / f"{self.model_name}.{count + 1}.pkl"
        path.write_bytes(pickle.dumps(model))
        return str(self.client.create_model_version(self.model_name, source=str(path)).version)

    def _model(self, version: str) -> Any:
        source = self.client.get_model_version(self.model_name, version).source
        return pickle.loads(Path(source).read_bytes())

    def deploy(self, model: Any) -> str:
        version = self._register(model)
        self.client.set_registered_model_alias(self.model_name, "champion", version)
        self.baseline = accuracy(model.predict(self.reference_X), self.reference_y)
        self.events.append(Event("deployed", -1, version, self.baseline))
        return version

    def predict(self, batch: int, X: np.ndarray) -> np.ndarray:
        version = self.champion
        predictions = np.asarray(self._model(version).predict(X))
        self.batches[batch] = _Batch(np.asarray(X, dtype=float), predictions, version)
        largest_psi = float(psi(self.reference_X, np.asarray(X, dtype=float)).max())
        self.events.append(Event("drift", batch, version, largest_psi, "largest PSI"))
        d = max(ks_2samp(self.reference_X[:, j], X[:, j]).statistic for j in range(X.shape[1]))
        if d > KS_ALERT:
            self.events.append(Event("drift_alert", batch, version, float(d), "KS statistic"))
        return predictions

    def labels(self, batch: int, y: np.ndarray) -> None:
        record = self.batches[batch]
        record.y = np.asarray(y)
        aliases = self.aliases()
        waiting = aliases.get("challenger")
        if waiting is not None and batch > self.trained_at[waiting]:
            self._decide(batch, waiting, aliases["champion"], record.X, record.y)
        score = accuracy(record.predictions, record.y)
        self.events.append(Event("performance", batch, record.served_by, score))
        assert self.baseline is not None
        if score >= self.baseline - self.thresholds.accuracy_drop:
            return
        self.events.append(Event("performance_alert", batch, record.served_by, score))
        aliases = self.aliases()
        if record.served_by != aliases["champion"] or "challenger" in aliases:
            return
        labelled = [b for b in sorted(self.batches) if self.batches[b].y is not None]
        recent = labelled[-self.thresholds.retrain_batches :]
        X = np.vstack([self.batches[b].X for b in recent])
        y_all = np.hstack([np.asarray(self.batches[b].y) for b in recent])
        version = self._register(self.train(X, y_all))
        self.client.set_registered_model_alias(self.model_name, "challenger", version)
        self.trained_at[version] = batch
        self.events.append(Event("retrained", batch, version, float(len(y_all))))

    def _decide(
        self, batch: int, challenger: str, champion: str, X: np.ndarray, y: np.ndarray
    ) -> None:
        new = accuracy(self._model(challenger).predict(X), y)
        old = accuracy(self._model(champion).predict(X), y)
        self.client.delete_registered_model_alias(self.model_name, "challenger")
        if new - old >= self.thresholds.min_gain:
            self.client.set_registered_model_alias(self.model_name, "previous", champion)
            self.client.set_registered_model_alias(self.model_name, "champion", challenger)
            self.events.append(Event("promoted", batch, challenger, new, f"champion {old:.3f}"))
        else:
            self.events.append(Event("rejected", batch, challenger, new, f"champion {old:.3f}"))

    def rollback(self) -> str:
        previous = self.alias("previous")
        if previous is None:
            raise ValueError("no previous champion to roll back to")
        self.client.set_registered_model_alias(self.model_name, "champion", previous)
        self.client.delete_registered_model_alias(self.model_name, "previous")
        self.events.append(Event("rollback", max(self.batches, default=-1), previous))
        return previous


def simulate(
    monitor: Monitor, stream: list[tuple[np.ndarray, np.ndarray]], *, label_delay: int = 2
) -> Iterator[tuple[int, np.ndarray]]:
    for step in range(len(stream) + label_delay):
        if step < len(stream):
            yield step, monitor.predict(step, stream[step][0])
        if step >= label_delay:
            monitor.labels(step - label_delay, stream[step - label_delay][1])


def run_stream(monitor: Monitor, stream: list[tuple[np.ndarray, np.ndarray]], **kw: Any) -> None:
    for _ in simulate(monitor, stream, **kw):
        pass
