"""Checks of m06-pipeline: a config-driven pipeline, judged by the MLflow run it logs.

The checks make their own Titanic split (features without `survived`, `boat`, `body`; a
fixed stratified 75/25 split into training and validation rows) and their own config. They
call the learner's `data_hash` and `build_pipeline` directly, then `train_and_log` with a
fresh SQLite tracking store inside the working copy, and read the run back with
`MlflowClient`: its parameters, the data hash, the metric, and the logged model itself
(loaded with `mlflow.sklearn.load_model`), whose score on the validation rows they
recompute. A second call with the same config and seed must log the same run.

MLflow is imported here, before the learner's code runs, with its telemetry, progress bars
and git lookups turned off (`airoadmap.lab.pipeline.tracking.offline_environment`): the
sandbox has no network and starts no processes.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from airoadmap.lab.pipeline.tracking import offline_environment, quiet_mlflow

offline_environment()

import mlflow  # noqa: E402  (after the environment above)
import mlflow.sklearn  # noqa: E402
from mlflow import MlflowClient  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.ensemble import RandomForestClassifier  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402

from airoadmap.grading.api import Context, check, expect, expect_bar, fail  # noqa: E402
from airoadmap.grading.kit.modelcheck import is_fitted, once  # noqa: E402

MODULE = "pipeline"
SPLIT_SEED = 6
VALID_SHARE = 0.25
NUMERIC = ["age", "sibsp", "parch", "fare"]
CATEGORICAL = ["pclass", "sex", "embarked"]
EXPERIMENT = "m06-check"
METRIC = "roc_auc"
LOGGED_METRIC = f"valid_{METRIC}"
# The bar on LOGGED_METRIC is in exercise.toml's [bars], with the scores it was set from.
# A StandardScaler fitted on the training rows gives them mean 0 exactly (float rounding).
SCALED_TOLERANCE = 1e-6


def config(kind: str = "random_forest", **params: Any) -> dict[str, Any]:
    """The config the checks give the learner's functions (a fresh copy each time)."""
    default = {"n_estimators": 60, "min_samples_leaf": 3} if kind == "random_forest" else {}
    return {
        "seed": 7,
        "features": {"numeric": list(NUMERIC), "categorical": list(CATEGORICAL)},
        "model": {"kind": kind, "params": params or default},
        "evaluate": {"metric": METRIC},
        "tracking": {"experiment": EXPERIMENT},
    }


@dataclass(frozen=True)
class Split:
    X_train: pd.DataFrame
    X_valid: pd.DataFrame
    y_train: pd.Series
    y_valid: pd.Series


@cache
def _split() -> Split:
    """The checks' own data: loaded before any learner code runs."""
    from airoadmap.grading.kit.heldout import load_titanic

    X, y = load_titanic()
    X_train, X_valid, y_train, y_valid = train_test_split(
        X, y, test_size=VALID_SHARE, stratify=y, random_state=SPLIT_SEED
    )
    return Split(X_train, X_valid, y_train, y_valid)


def _copies() -> tuple[pd.DataFrame, pd.Series, pd.DataFrame, pd.Series]:
    """Copies of the split for one call (the learner's code may change what it gets)."""
    s = _split()
    return s.X_train.copy(), s.y_train.copy(), s.X_valid.copy(), s.y_valid.copy()


def _module(ctx: Context) -> Any:
    module = ctx.load(MODULE)
    for name in ("data_hash", "build_pipeline", "train_and_log"):
        if not callable(getattr(module, name, None)):
            fail(f"{MODULE}.py defines no function {name}(): keep the starter's names.")
    return module


def _short(exc: BaseException) -> str:
    """An exception's message on one line, cut to 120 characters."""
    return " ".join(str(exc).split())[:120]


def _roc_auc(model: Any, X: pd.DataFrame, y: pd.Series) -> float:
    return float(roc_auc_score(y, np.asarray(model.predict_proba(X))[:, 1]))


# --- the tracking store and the learner's runs ------------------------------------------------


@dataclass(frozen=True)
class Store:
    uri: str
    client: Any
    experiment_id: str


def _store(ctx: Context) -> Store:
    """A fresh SQLite tracking store in the working copy, with the experiment the config
    names already created (its artifacts next to the database)."""

    def make() -> Store:
        folder = ctx.workdir / "mlflow-check"
        folder.mkdir(exist_ok=True)
        uri = f"sqlite:///{folder / 'mlruns.db'}"
        with quiet_mlflow():  # the first client creates the database: no info lines
            client = MlflowClient(uri)
            experiment_id = client.create_experiment(
                EXPERIMENT, artifact_location=str(folder / "artifacts")
            )
        return Store(uri, client, experiment_id)

    return once(ctx, "store", make)


@dataclass(frozen=True)
class Run:
    """One run the learner's train_and_log logged, read back from the store."""

    run_id: str
    params: dict[str, str]
    metrics: dict[str, float]
    tags: dict[str, str]
    status: str
    left_open: bool


def _train_and_log(ctx: Context, label: str) -> Run:
    module = _module(ctx)
    store = _store(ctx)
    X_train, y_train, X_valid, y_valid = _copies()
    try:
        with quiet_mlflow():
            run_id = module.train_and_log(config(), X_train, y_train, X_valid, y_valid, store.uri)
    finally:
        left_open = mlflow.active_run() is not None
        if left_open:
            mlflow.end_run("FAILED")
    if not isinstance(run_id, str) or not run_id:
        nudge = " (Did you forget a return statement?)" if run_id is None else ""
        fail(
            f"train_and_log returned {run_id!r} ({label}): return the id of the run it "
            f"logged, `run.info.run_id` inside `with mlflow.start_run() as run:`.{nudge}"
        )
    try:
        run = store.client.get_run(run_id)
    except Exception:
        fail(
            f"train_and_log returned {run_id!r}, which is no run of the tracking store it was "
            "given: call mlflow.set_tracking_uri(tracking_uri) before mlflow.start_run(), "
            "and return run.info.run_id."
        )
    data = run.data
    return Run(
        run_id,
        dict(data.params),
        dict(data.metrics),
        dict(data.tags),
        run.info.status,
        left_open,
    )


def _first_run(ctx: Context) -> Run:
    return once(ctx, "first run", lambda: _train_and_log(ctx, "first call"))


@dataclass(frozen=True)
class LoggedModel:
    uri: str
    info: Any
    model: Any


def _logged_model(ctx: Context) -> LoggedModel:
    """The model the first run logged, loaded back as MLflow serves it to anyone."""

    def load() -> LoggedModel:
        run = _first_run(ctx)
        store = _store(ctx)
        found = store.client.search_logged_models(
            experiment_ids=[store.experiment_id],
            filter_string=f"source_run_id = '{run.run_id}'",
        )
        if not found:
            fail(
                "The run has no model: log it inside the run with "
                'mlflow.sklearn.log_model(model, name="model", signature=..., '
                "input_example=...). The checks (and anyone after you) load the model from "
                "the run, not from your memory."
            )
        uri = found[0].model_uri
        mlflow.set_tracking_uri(store.uri)
        with quiet_mlflow():
            info = mlflow.models.get_model_info(uri)
            model = mlflow.sklearn.load_model(uri)
        return LoggedModel(uri, info, model)

    return once(ctx, "model", load)


def _numeric_block(model: Any, X: pd.DataFrame) -> tuple[np.ndarray, list[str]] | None:
    """The numeric columns of what the model's preprocessing makes of X (None when the
    model is not a Pipeline that can show them)."""
    if not isinstance(model, Pipeline) or len(model.steps) < 2:
        return None
    preprocess = model[:-1]
    try:
        names = [str(n) for n in preprocess.get_feature_names_out()]
    except Exception:
        return None
    matrix = preprocess.transform(X)
    matrix = matrix.toarray() if hasattr(matrix, "toarray") else np.asarray(matrix)
    picked = [
        (i, column)
        for column in NUMERIC
        for i, name in enumerate(names)
        if name == column or name.endswith(f"__{column}")
    ]
    if not picked:
        return None
    return matrix[:, [i for i, _ in picked]].astype(float), [c for _, c in picked]


# --- the checks -----------------------------------------------------------------------------


@check("data_hash: same rows, same hash; one changed value or label, another", hint="hash")
def hash_is_a_fingerprint(ctx: Context) -> None:
    module = _module(ctx)
    X, y, _, _ = _copies()
    first = module.data_hash(X, y)
    expect(
        isinstance(first, str) and len(first) > 0,
        f"data_hash returned {first!r}: return a non-empty string, e.g. "
        "hashlib.sha256(...).hexdigest().",
    )
    again = module.data_hash(X.copy(), y.copy())
    expect(
        again == first,
        "data_hash gave two different hashes for two copies of the same rows. Hash the "
        "values, not where they sit in memory (an object array's tobytes() holds "
        "addresses): pd.util.hash_pandas_object(frame) gives one number per row from its "
        "values.",
    )
    row = X.index[0]
    changed = X.copy()
    age = changed.at[row, "age"]
    changed.at[row, "age"] = 30.0 if pd.isna(age) else float(age) + 1.0
    expect(
        module.data_hash(changed, y) != first,
        "Changing one age (first training row) left data_hash unchanged: hash every "
        "value of every column, so that any change to the data shows in the run.",
    )
    renamed = X.copy()
    renamed.at[row, "sex"] = "female" if X.at[row, "sex"] == "male" else "male"
    expect(
        module.data_hash(renamed, y) != first,
        "Changing one passenger's sex (a text column) left data_hash unchanged: hash the "
        "text columns too.",
    )
    flipped = y.copy()
    flipped.iloc[0] = 1 - int(flipped.iloc[0])
    expect(
        module.data_hash(X, flipped) != first,
        "Flipping one label left data_hash unchanged: the hash must cover y as well as X. "
        "Two runs on the same features with different labels are different experiments.",
    )


@check(
    "build_pipeline: an unfitted Pipeline with a ColumnTransformer and the model", hint="pipeline"
)
def builds_pipeline(ctx: Context) -> None:
    module = _module(ctx)
    cases = [
        (config("logistic_regression", C=0.5, max_iter=500), LogisticRegression),
        (config("random_forest", n_estimators=25, min_samples_leaf=2), RandomForestClassifier),
    ]
    for cfg, expected in cases:
        kind = cfg["model"]["kind"]
        pipe = module.build_pipeline(copy.deepcopy(cfg))
        expect(
            isinstance(pipe, Pipeline),
            f"build_pipeline returned {type(pipe).__name__} for kind {kind!r}: return a "
            "sklearn.pipeline.Pipeline([('preprocess', ColumnTransformer(...)), "
            "('model', ...)]).",
        )
        expect(
            not is_fitted(pipe),
            "build_pipeline returned a fitted pipeline: return it unfitted; train_and_log "
            "fits it on the training rows.",
        )
        transformers = [step for _, step in pipe.steps if isinstance(step, ColumnTransformer)]
        expect(
            len(transformers) > 0,
            "The pipeline has no ColumnTransformer step: numeric and categorical columns "
            "need different preprocessing, which ColumnTransformer applies column by column.",
        )
        selected = {
            str(c)
            for _, _, cols in transformers[0].transformers
            if isinstance(cols, list | tuple)
            for c in cols
        }
        missing = [c for c in NUMERIC + CATEGORICAL if c not in selected]
        expect(
            not missing,
            f"The ColumnTransformer does not use the configured column(s) {missing}: take "
            'the lists from config["features"]["numeric"] and ["categorical"].',
        )
        estimator = pipe.steps[-1][1]
        expect(
            isinstance(estimator, expected),
            f"model kind {kind!r} built a {type(estimator).__name__}, expected "
            f"{expected.__name__}: pick the class from config['model']['kind'].",
        )
        params = estimator.get_params()
        for name, value in cfg["model"]["params"].items():
            expect(
                params.get(name) == value,
                f"{expected.__name__}'s {name} is {params.get(name)!r}, but the config says "
                f"{value!r}: pass config['model']['params'] to the model (**params).",
            )
        if expected is RandomForestClassifier:
            expect(
                params.get("random_state") == cfg["seed"],
                f"RandomForestClassifier's random_state is {params.get('random_state')!r}, "
                f"but the config's seed is {cfg['seed']}: pass random_state=config['seed'], "
                "or every run grows different trees and no metric can be reproduced.",
            )


@check("the pipeline imputes, scales, and ignores categories it never saw", hint="pipeline")
def handles_missing_and_unseen(ctx: Context) -> None:
    module = _module(ctx)
    X_train, y_train, X_valid, _ = _copies()
    pipe = module.build_pipeline(config("logistic_regression", max_iter=1000))
    try:
        pipe.fit(X_train, y_train)
    except ValueError as exc:
        if "nan" in str(exc).lower():
            fail(
                f"fit failed on missing values ({_short(exc)}). age, fare and embarked "
                "have missing values: put a SimpleImputer before the scaler and the "
                "encoder (median for numbers, most_frequent for categories)."
            )
        raise
    new = X_valid.head(20).copy()
    new["embarked"] = "Z"  # a port that does not exist in the training rows
    new.loc[new.index[:5], "sex"] = "unknown"
    new.loc[new.index[5:10], "age"] = np.nan
    try:
        proba = np.asarray(pipe.predict_proba(new))
    except ValueError as exc:
        if "unknown categor" in str(exc).lower():
            fail(
                "predict failed on categories the training rows never had (embarked 'Z', "
                f"sex 'unknown'): {_short(exc)}. New data brings new values (a typo, a new "
                "port); "
                'OneHotEncoder(handle_unknown="ignore") encodes them as all zeros instead '
                "of stopping the service."
            )
        raise
    expect(proba.shape == (20, 2), f"predict_proba gave shape {proba.shape} for 20 rows.")
    block = _numeric_block(pipe, X_train)
    expect(
        block is not None,
        "The checks cannot see the numeric columns after preprocessing: make the pipeline "
        "Pipeline([('preprocess', ColumnTransformer([...])), ('model', ...)]), so that "
        "pipeline[:-1].get_feature_names_out() names them (e.g. 'num__age').",
    )
    assert block is not None
    values, names = block
    means, stds = values.mean(axis=0), values.std(axis=0)
    off = [
        f"{n} (mean {m:.3g}, std {s:.3g})"
        for n, m, s in zip(names, means, stds, strict=True)
        if abs(m) > SCALED_TOLERANCE or abs(s - 1) > SCALED_TOLERANCE
    ]
    expect(
        not off,
        f"After preprocessing, numeric column(s) {', '.join(off)} are not standardised on the "
        "training rows: put a StandardScaler after the imputer, so that fare (up to 512) "
        "does not outweigh sibsp (0 to 8) in a linear model.",
    )


@check("train_and_log records a run: parameters, the data hash, the metric", hint="tracking")
def logs_a_run(ctx: Context) -> None:
    run = _first_run(ctx)
    expect(
        not run.left_open,
        "The run was still open when train_and_log returned: use `with mlflow.start_run() "
        "as run:`, which ends the run (and marks it FINISHED, or FAILED when something "
        "inside raises) when the block ends.",
    )
    expect(
        run.status == "FINISHED",
        f"The run's status is {run.status}, not FINISHED: end it normally (leave the "
        "`with mlflow.start_run()` block without an error).",
    )
    cfg = config()
    wanted = {"seed": cfg["seed"], **cfg["model"]["params"]}
    missing = [k for k in wanted if k not in run.params]
    expect(
        not missing,
        f"The run's parameters lack {missing} (it has {sorted(run.params)}): log the seed "
        "and the model's parameters with mlflow.log_params(...), so the run says how to "
        "reproduce it.",
    )
    wrong = [
        f"{k}={run.params[k]} (config: {v})" for k, v in wanted.items() if run.params[k] != str(v)
    ]
    expect(not wrong, f"Logged parameters differ from the config: {', '.join(wrong)}.")
    logged_hash = run.tags.get("data_hash", run.params.get("data_hash"))
    expect(
        logged_hash is not None,
        "The run has no tag or parameter named 'data_hash': log "
        "mlflow.set_tag('data_hash', data_hash(X_train, y_train)), so anyone can tell "
        "which data a model learned from.",
    )
    X_train, y_train, _, _ = _copies()
    expected = _module(ctx).data_hash(X_train, y_train)
    expect(
        logged_hash == expected,
        f"The run's data_hash is {str(logged_hash)[:16]}..., but data_hash(X_train, y_train) "
        f"is {str(expected)[:16]}...: log the hash of the training rows the model learned "
        "from (not of the validation rows, nor of all rows).",
    )
    expect(
        LOGGED_METRIC in run.metrics,
        f"The run has no metric {LOGGED_METRIC!r} (it has {sorted(run.metrics) or 'none'}): "
        "log the config's metric on the validation rows as "
        f'mlflow.log_metric(f"valid_{{metric}}", value), here {LOGGED_METRIC}.',
    )


@check("the logged metric is the logged model's score on the validation rows", hint="metric")
def metric_is_validation_score(ctx: Context) -> None:
    run = _first_run(ctx)
    expect(LOGGED_METRIC in run.metrics, f"The run has no metric {LOGGED_METRIC!r}.")
    logged = run.metrics[LOGGED_METRIC]
    model = _logged_model(ctx).model
    split = _split()
    on_valid = _roc_auc(model, split.X_valid, split.y_valid)
    if not math.isclose(logged, on_valid, abs_tol=1e-9):
        on_train = _roc_auc(model, split.X_train, split.y_train)
        if math.isclose(logged, on_train, abs_tol=1e-9):
            fail(
                f"The run logs {LOGGED_METRIC}={logged:.4f}, which is the logged model's "
                f"score on its own training rows; on the validation rows it scores "
                f"{on_valid:.4f}. A model scores higher on rows it learned from: compute "
                "the metric on X_valid, y_valid."
            )
        fail(
            f"The run logs {LOGGED_METRIC}={logged:.4f}, but the model logged in the same run "
            f"scores {on_valid:.4f} on the validation rows (roc_auc of predict_proba[:, 1]). "
            "Log the score of the model you log, computed on X_valid, y_valid."
        )
    expect_bar(
        ctx,
        LOGGED_METRIC,
        on_valid,
        note="(the reference forest scores 0.85 here, sex alone 0.77). Check that every "
        "configured column reaches the model.",
    )


@check("the model is logged with a signature and an input example", hint="model")
def model_has_signature(ctx: Context) -> None:
    logged = _logged_model(ctx)
    info = logged.info
    expect(
        info.signature is not None,
        "The model was logged without a signature: pass "
        "signature=infer_signature(X, model.predict(X)) to mlflow.sklearn.log_model. The "
        "signature tells whoever loads the model which columns and types it takes.",
    )
    inputs = set(info.signature.inputs.input_names()) if info.signature.inputs else set()
    missing = [c for c in NUMERIC + CATEGORICAL if c not in inputs]
    expect(
        not missing,
        f"The signature's inputs lack {missing}: infer it from the frame the model reads "
        "(the training rows' feature columns), not from an array or a transformed matrix.",
    )
    expect(
        info.saved_input_example_info is not None,
        "The model was logged without an input example: pass input_example=X.head(5) (a "
        "few training rows of the feature columns), so the model's page shows a call that "
        "works.",
    )


@check("the logged model's preprocessing learned from the training rows only", hint="leakage")
def fitted_on_training_rows(ctx: Context) -> None:
    model = _logged_model(ctx).model
    split = _split()
    block = _numeric_block(model, split.X_train)
    expect(
        block is not None,
        "The logged model is not a Pipeline whose preprocessing the checks can read: log "
        "the whole fitted pipeline (preprocessing and model), so it takes raw rows.",
    )
    assert block is not None
    values, names = block
    means = values.mean(axis=0)
    if np.all(np.abs(means) <= SCALED_TOLERANCE):
        return
    both = pd.concat([split.X_train, split.X_valid])
    pooled = _numeric_block(model, both)
    pooled_zero = pooled is not None and bool(
        np.all(np.abs(pooled[0].mean(axis=0)) <= SCALED_TOLERANCE)
    )
    worst = int(np.argmax(np.abs(means)))
    seen = f"on the training rows its {names[worst]} column has mean {means[worst]:.4f}, not 0"
    if pooled_zero:
        fail(
            f"The logged model's scaler was fitted on the training and validation rows "
            f"together: {seen}. Statistics computed with the validation rows leak them into "
            "training, and the validation score is no longer honest. Fit the whole Pipeline "
            "on X_train only."
        )
    fail(
        f"The logged model's scaler was not fitted on the training rows it was given: {seen}. "
        "Fit the whole Pipeline on all of X_train and nothing else (not a sample of it, "
        "not other data), so the logged data hash describes what the model learned from."
    )


@check("the same config and seed log the same run again", hint="reproducible")
def reproducible(ctx: Context) -> None:
    first = _first_run(ctx)
    second = _train_and_log(ctx, "second call")
    expect(
        second.run_id != first.run_id,
        "train_and_log returned the same run id twice: start a new run on each call, so "
        "every training is tracked.",
    )
    a, b = first.metrics.get(LOGGED_METRIC), second.metrics.get(LOGGED_METRIC)
    expect(
        a is not None and b is not None and math.isclose(a, b, abs_tol=1e-12),
        f"Two calls with the same config and seed logged {LOGGED_METRIC} {a} and then {b}. "
        "Something random is not seeded: pass random_state=config['seed'] to every step "
        "that draws random numbers (the model, any sampling), never the clock.",
    )
    changed = sorted(
        k
        for k in set(first.params) | set(second.params)
        if first.params.get(k) != second.params.get(k)
    )
    expect(not changed, f"Two identical calls logged different parameters: {changed}.")
    hashes = (first.tags.get("data_hash"), second.tags.get("data_hash"))
    expect(hashes[0] == hashes[1], "Two identical calls logged different data hashes.")
