"""Checks of m09-tuning: an Optuna study that tunes a small MLP on the digits, nested properly.

The checks load scikit-learn's 1797 digit images themselves (pixels / 16) and split them,
stratified and seeded: 540 test images, which only the checks ever see, then 942 training
and 315 validation images, which the learner's code receives. While the learner's code runs,
reading the digits file is refused (`airoadmap.grading.kit.fence`): a study that looks at the
test images would report a score that means nothing.

Expensive work happens once per grading run: one seeded study of STUDY_TRIALS trials (one
worker, SQLite storage) feeds the pruning, plot, gain and test checks; the reproducibility
check reruns its first REPRO_TRIALS trials; the shared-study check starts two worker
processes of WORKER_TRIALS trials each against one SQLite file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import optuna
from numpy.typing import NDArray

from airoadmap.grading.api import Context, check, expect, expect_bar, fail
from airoadmap.grading.kit import fence
from airoadmap.grading.kit.modelcheck import once

MODULE = "tuning"
SEED = 0
STUDY_TRIALS = 16
REPRO_TRIALS = 12  # past the TPE sampler's 10 random start-up trials
WORKER_TRIALS = 3
TEST_SHARE = 0.3
VAL_SHARE = 0.25
# With the validation labels shuffled, a model scored on them is at chance (0.1 for ten
# digits); an objective scoring above this line does not score on the validation set given.
SHUFFLED_VAL_MAX = 0.3
WORKER_TAG = "checks_worker"
# A value drawn in the history plot matches a trial's value to this (float32 in matplotlib).
DRAWN_ATOL = 1e-6
# Parameter importances are shares: the bars of the importances plot sum to 1 within this.
IMPORTANCE_ATOL = 1e-3


@dataclass(frozen=True)
class Digits:
    """The checks' split: the learner sees train and validation, never test."""

    X_train: NDArray[np.float64]
    y_train: NDArray[np.int64]
    X_val: NDArray[np.float64]
    y_val: NDArray[np.int64]
    X_test: NDArray[np.float64]
    y_test: NDArray[np.int64]


def _digits() -> Digits:
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    data = load_digits()
    X, y = data.data / 16.0, data.target
    X_rest, X_test, y_rest, y_test = train_test_split(
        X, y, test_size=TEST_SHARE, stratify=y, random_state=SEED
    )
    X_train, X_val, y_train, y_val = train_test_split(
        X_rest, y_rest, test_size=VAL_SHARE, stratify=y_rest, random_state=SEED
    )
    return Digits(X_train, y_train, X_val, y_val, X_test, y_test)


def _fenced_folders() -> list[Path]:
    import sklearn.datasets

    return [Path(sklearn.datasets.__file__).parent / "data"]


@contextmanager
def _learner_code(what: str) -> Iterator[None]:
    """Run the learner's code with the digits file out of reach; a read fails the check,
    even when the learner's code caught the refusal."""
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    with fence.closed(folders=_fenced_folders()) as opened:
        try:
            yield
        except fence.DataFenceError:
            pass  # reported below, with what the code was doing
        finally:
            if opened:
                fail(
                    f"{MODULE}.py read the digits data set itself ({opened[0]}) while {what}. "
                    "The study must see only the training and validation images it is "
                    "given: reading the data set brings in the test images, and a score "
                    "tuned on them says nothing about new data. Load data only under "
                    '`if __name__ == "__main__":`.'
                )


@dataclass(frozen=True)
class _Drawn:
    """What a saved figure draws: the y values of each series (lines, scatter points) and
    the (width, height) of each bar, over all its axes."""

    series: list[NDArray[np.float64]]
    bars: list[tuple[float, float]]


def _drawing(figure: Any) -> _Drawn:
    from matplotlib.container import BarContainer

    series: list[NDArray[np.float64]] = []
    bars: list[tuple[float, float]] = []
    for ax in figure.axes:
        series += [np.ma.filled(np.ma.asarray(line.get_ydata(), float), np.nan)
                   for line in ax.lines]  # fmt: skip
        for points in ax.collections:
            offsets: NDArray[np.float64] = np.ma.filled(
                np.ma.asarray(points.get_offsets(), float), np.nan
            )
            if offsets.ndim == 2 and offsets.shape[1] == 2 and len(offsets):
                series.append(offsets[:, 1])
        for container in ax.containers:
            if isinstance(container, BarContainer):
                bars += [(float(bar.get_width()), float(bar.get_height())) for bar in container]
    return _Drawn(series, bars)


@contextmanager
def _saved_figures() -> Iterator[dict[Path, _Drawn]]:
    """While the block runs, every matplotlib figure saved to a file leaves what it draws
    under the file's path, whether drawn with pyplot, Figure or
    optuna.visualization.matplotlib."""
    from matplotlib.figure import Figure

    saved: dict[Path, _Drawn] = {}
    savefig = Figure.savefig

    def recording(self: Figure, fname: Any, *args: Any, **kwargs: Any) -> Any:
        result = savefig(self, fname, *args, **kwargs)
        if isinstance(fname, (str, os.PathLike)):
            path = Path(fname).resolve()
            saved[path] = saved[path.with_name(path.name + ".png")] = _drawing(self)
        return result

    setattr(Figure, "savefig", recording)  # noqa: B010 - for the block only
    try:
        yield saved
    finally:
        setattr(Figure, "savefig", savefig)  # noqa: B010


def _runs(values: NDArray[np.float64]) -> list[float]:
    """A series without consecutive repeats: a best-so-far line drawn as points or steps."""
    kept = values[~np.isnan(values)]
    return [float(v) for i, v in enumerate(kept) if i == 0 or v != kept[i - 1]]


def _history_drawn(study: optuna.Study, series: list[NDArray[np.float64]]) -> None:
    """The history plot shows every finished trial's value and the best so far, on y."""
    finished = study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.COMPLETE,))
    values = np.array([float(t.value) for t in sorted(finished, key=lambda t: t.number)
                       if t.value is not None])  # fmt: skip
    drawn = np.concatenate(series) if series else np.array([])
    missing = [
        round(float(v), 4)
        for v in values
        if not np.isclose(drawn, v, rtol=0, atol=DRAWN_ATOL).any()
    ]
    expect(
        not missing,
        f"The history plot does not show {len(missing)} of the {len(values)} finished trials' "
        f"values on its y axis (e.g. {missing[:3]}): plot each COMPLETE trial's value "
        "(y) against its number (x).",
    )
    best = _runs(np.maximum.accumulate(values))
    rising = [round(b, 4) for b in best]
    expect(
        any(
            len(_runs(s)) == len(best) and np.allclose(_runs(s), best, rtol=0, atol=DRAWN_ATOL)
            for s in series
        ),
        f"No line of the history plot is the best value so far ({rising} as it rises over the "
        f"{len(values)} finished trials in order): draw np.maximum.accumulate of their values.",
    )


def _importances_drawn(study: optuna.Study, bars: list[tuple[float, float]]) -> None:
    """The importances plot has a bar per parameter (at most), whose lengths are the
    importances: shares of the objective's variance that sum to 1 (horizontal or vertical)."""
    searched = len(study.best_params)
    lengths = [sum(w for w, _ in bars), sum(h for _, h in bars)]
    expect(
        1 <= len(bars) <= searched and any(abs(total - 1) <= IMPORTANCE_ATOL for total in lengths),
        f"The importances plot draws {len(bars)} bars for {searched} searched parameters, "
        f"their widths summing to {lengths[0]:.3g} and heights to {lengths[1]:.3g}: draw one "
        "bar per parameter, its length the importance that optuna.importance."
        "get_param_importances(study) gives (they sum to 1).",
    )


def _module(ctx: Context) -> Any:
    module: Any = None
    with _learner_code("being imported"):
        module = ctx.load(MODULE)
    return module


def _call(ctx: Context, name: str, what: str, *args: Any, **kwargs: Any) -> Any:
    function = getattr(_module(ctx), name, None)
    if not callable(function):
        fail(f"{MODULE}.py defines no function {name}(): keep the starter's names.")
    result: Any = None
    with _learner_code(what):
        result = function(*args, **kwargs)
    return result


def _study(value: Any, call: str) -> optuna.Study:
    if not isinstance(value, optuna.Study):
        fail(f"{call} returned {type(value).__name__}: return the optuna.Study.")
    return value


def _tune(ctx: Context, folder: Path, name: str, n_trials: int) -> optuna.Study:
    """The learner's tune, one worker, seeded, in a fresh SQLite file of `folder`."""
    d = _digits()
    storage = f"sqlite:///{folder / 'study.db'}"
    call = f"tune({storage!r}, {name!r}, {n_trials}, ..., seed={SEED})"
    study = _study(
        _call(ctx, "tune", call, storage, name, n_trials, d.X_train, d.y_train, d.X_val,
              d.y_val, seed=SEED),
        call,
    )  # fmt: skip
    trials = study.get_trials(deepcopy=False)
    expect(
        len(trials) == n_trials,
        f"{call}: the study holds {len(trials)} trials, expected {n_trials} (run n_trials "
        "trials in the study of that storage and name, and return it).",
    )
    return study


def _main_study(ctx: Context) -> optuna.Study:
    """The seeded single-worker study of STUDY_TRIALS trials (once per run)."""

    def run() -> optuna.Study:
        with ctx.scratch() as folder:
            study = _tune(ctx, folder, "main", STUDY_TRIALS)
            # A copy in memory: the SQLite file goes with the scratch folder.
            kept = optuna.create_study(direction=study.direction, study_name="main")
            kept.add_trials(study.get_trials())
            return kept

    return once(ctx, "main", run)


def _best_params(ctx: Context, study: optuna.Study) -> dict[str, Any]:
    params = _call(ctx, "params_of", "params_of(best_params) ran", dict(study.best_params))
    expect(
        isinstance(params, dict),
        f"params_of(study.best_params) returned {type(params).__name__}: return a dict of "
        "MLPClassifier parameters.",
    )
    return dict(params)


def _accuracy(model: Any, X: NDArray[np.float64], y: NDArray[np.int64]) -> float:
    predict = getattr(model, "predict", None)
    if not callable(predict):
        fail(f"train_model returned {type(model).__name__}, which has no predict method.")
    return float(np.mean(np.asarray(predict(X)) == y))


def _tuned_model(ctx: Context) -> Any:
    """The best parameters of the seeded study, trained on the training images (once)."""

    def run() -> Any:
        d = _digits()
        params = _best_params(ctx, _main_study(ctx))
        return _call(ctx, "train_model", f"train_model({params}, X_train, y_train)", params,
                     d.X_train, d.y_train)  # fmt: skip

    return once(ctx, "tuned", run)


def _default_val_accuracy(ctx: Context) -> float:
    """The checks' own baseline: MLPClassifier() with scikit-learn's defaults, EPOCHS passes."""
    from sklearn.neural_network import MLPClassifier

    epochs = getattr(_module(ctx), "EPOCHS", None)
    if not isinstance(epochs, int) or not 1 <= epochs <= 100:
        fail(f"{MODULE}.EPOCHS is {epochs!r}: set it to the passes per trial (an int, 1-100).")
    d = _digits()
    model = MLPClassifier(random_state=SEED)
    for _ in range(epochs):
        model.partial_fit(d.X_train, d.y_train, classes=np.arange(10))
    return float(model.score(d.X_val, d.y_val))


# --- the checks -----------------------------------------------------------------------------


@check("create_study: a maximising TPE study with a pruner, stored in the storage", hint="study")
def creates_study(ctx: Context) -> None:
    with ctx.scratch() as folder:
        storage = f"sqlite:///{folder / 'created.db'}"
        call = f"create_study({storage!r}, 'created', seed=1)"
        study = _study(_call(ctx, "create_study", call, storage, "created", seed=1), call)
        expect(
            study.direction == optuna.study.StudyDirection.MAXIMIZE,
            f'{call} minimises: the objective returns an accuracy, so pass direction="maximize".',
        )
        expect(
            isinstance(study.sampler, optuna.samplers.TPESampler),
            f"{call} uses {type(study.sampler).__name__}: use optuna.samplers.TPESampler "
            "(seeded with the seed argument).",
        )
        expect(
            isinstance(study.pruner, optuna.pruners.BasePruner)
            and not isinstance(study.pruner, optuna.pruners.NopPruner),
            f"{call} has no pruner ({type(study.pruner).__name__}): pass "
            "pruner=optuna.pruners.MedianPruner(...).",
        )
        names = optuna.get_all_study_names(storage=storage)
        expect(
            names == ["created"],
            f"after {call} the storage holds the studies {names}, expected ['created']: "
            "create the study IN the storage given, under the name given.",
        )
        try:
            again = _study(
                _call(ctx, "create_study", call + " again", storage, "created", seed=1), call
            )
        except optuna.exceptions.DuplicatedStudyError:
            fail(
                f"{call}, called a second time, raised DuplicatedStudyError: pass "
                "load_if_exists=True so that every worker joins the same study."
            )
        expect(
            again._study_id == study._study_id,
            f"{call}, called a second time, did not load the existing study: pass "
            "load_if_exists=True so that every worker joins the same study.",
        )


@check(
    "train_model: MLPClassifier with the params, `epochs` passes, after_epoch each",
    hint="objective",
)
def trains_epochs(ctx: Context) -> None:
    from sklearn.neural_network import MLPClassifier

    d = _digits()
    seen: list[int] = []
    params = {"hidden_layer_sizes": (8,)}
    call = f"train_model({params}, X_train, y_train, epochs=3, after_epoch=...)"
    model = _call(
        ctx, "train_model", call, params, d.X_train, d.y_train, epochs=3,
        after_epoch=lambda epoch, _model: seen.append(int(epoch)),
    )  # fmt: skip
    expect(
        isinstance(model, MLPClassifier),
        f"{call} returned {type(model).__name__}: return the MLPClassifier.",
    )
    passes = int(getattr(model, "t_", 0)) // len(d.y_train)  # t_: training images seen
    expect(
        seen == [1, 2, 3] and passes == 3,
        f"{call} called after_epoch with the epochs {seen} and trained {passes} "
        "passes: train exactly `epochs` passes (one partial_fit each) and call "
        "after_epoch(epoch, model) after each, epoch counting from 1.",
    )
    expected = {**MLPClassifier(random_state=SEED).get_params(), **params}
    differ = {k: v for k, v in model.get_params().items() if expected.get(k) != v}
    expect(
        not differ,
        f"{call} made a model whose parameters differ from MLPClassifier(random_state="
        f"{SEED}, **params): {differ}. Parameters not in params keep scikit-learn's "
        "defaults, and the default seed is 0.",
    )


@check("objective scores on the validation images and reports every epoch", hint="objective")
def objective_uses_validation(ctx: Context) -> None:
    objective = getattr(_module(ctx), "objective", None)
    if not callable(objective):
        fail(f"{MODULE}.py defines no function objective(): keep the starter's names.")
    d = _digits()
    shuffled = np.random.default_rng(SEED).permutation(d.y_val)
    values: dict[str, float] = {}
    for label, y_val in (("true", d.y_val), ("shuffled", shuffled)):
        study = optuna.create_study(
            direction="maximize", sampler=optuna.samplers.RandomSampler(seed=SEED)
        )

        def run(trial: optuna.Trial, y: NDArray[np.int64] = y_val) -> float:
            return float(objective(trial, d.X_train, d.y_train, d.X_val, y))

        with _learner_code(f"objective ran on the {label} validation labels"):
            study.optimize(run, n_trials=1, catch=())
        trial = study.trials[0]
        if trial.state != optuna.trial.TrialState.COMPLETE or trial.value is None:
            fail(f"objective did not return a number (trial state {trial.state.name}).")
        values[label] = float(trial.value)
        steps = sorted(trial.intermediate_values)
        expect(
            len(steps) >= 2,
            f"objective reported {len(steps)} intermediate values: call trial.report("
            "validation accuracy, step=epoch) after every epoch, so the pruner can compare "
            "trials while they run.",
        )
    ctx.record("objective_value_shuffled_labels", values["shuffled"])
    expect(
        0.0 <= values["true"] <= 1.0,
        f"objective returned {values['true']:.4g}: return the validation accuracy (0-1).",
    )
    expect(
        values["shuffled"] <= SHUFFLED_VAL_MAX,
        f"With the validation labels shuffled, objective still returned "
        f"{values['shuffled']:.3f} (chance is about 0.1): it does not score the model on "
        "the X_val, y_val it is given (the training set? labels from elsewhere?). Return "
        "accuracy on X_val, y_val.",
    )


@check("the seeded study runs its trials, and the pruner stops some", hint="pruning")
def pruner_stops_trials(ctx: Context) -> None:
    study = _main_study(ctx)
    states = Counter(t.state.name for t in study.get_trials(deepcopy=False))
    pruned = ctx.record("trials_pruned", states.get("PRUNED", 0))
    expect(
        states.get("FAIL", 0) == 0,
        f"{states['FAIL']} of {STUDY_TRIALS} trials failed: run objective yourself to see why.",
    )
    expect(
        pruned >= 1,
        f"None of the {STUDY_TRIALS} trials was pruned ({dict(states)}): report the "
        "validation accuracy every epoch, ask trial.should_prune(), and raise "
        "optuna.TrialPruned() when it says so (with a MedianPruner whose start-up trials and "
        "warm-up epochs leave room to prune).",
    )


@check("the same seed gives the same study (one worker)", hint="study")
def seeded_study_repeats(ctx: Context) -> None:
    first = _main_study(ctx).get_trials(deepcopy=False)[:REPRO_TRIALS]
    with ctx.scratch() as folder:
        second = _tune(ctx, folder, "main", REPRO_TRIALS).get_trials(deepcopy=False)
    for a, b in zip(first, second, strict=True):
        if a.params != b.params or a.state != b.state or a.value != b.value:
            fail(
                f"Two studies with seed={SEED} differ at trial {a.number}: {a.params} "
                f"({a.state.name}, {a.value}) then {b.params} ({b.state.name}, {b.value}). "
                "Seed the sampler (TPESampler(seed=seed)) and the model (random_state), "
                "and train deterministically."
            )


# A worker process: tags each trial it runs (Study.ask, which optimize calls for every
# trial), then runs the learner's tune with the digits file fenced off.
_WORKER = """
import importlib.util, sys
import numpy as np, optuna
from airoadmap.grading.kit import fence
path, data, storage, name, n, tag, folder, TAG = sys.argv[1:]
ask = optuna.study.Study.ask
def tagged_ask(self, *args, **kwargs):
    trial = ask(self, *args, **kwargs)
    trial.set_user_attr(TAG, tag)
    return trial
optuna.study.Study.ask = tagged_ask
optuna.logging.set_verbosity(optuna.logging.WARNING)
d = np.load(data)
with fence.closed(folders=[folder]) as opened:
    try:
        spec = importlib.util.spec_from_file_location("tuning", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["tuning"] = module
        spec.loader.exec_module(module)
        module.tune(storage, name, int(n), d["X_train"], d["y_train"], d["X_val"], d["y_val"])
    except fence.DataFenceError:
        pass
if opened:
    print("READ " + opened[0])
    sys.exit(3)
"""


@check("two worker processes run one study together (shared storage)", hint="workers")
def workers_share_study(ctx: Context) -> None:
    d = _digits()
    with ctx.scratch() as folder:
        data = folder / "split.npz"
        np.savez(data, X_train=d.X_train, y_train=d.y_train, X_val=d.X_val, y_val=d.y_val)
        storage = f"sqlite:///{folder / 'shared.db'}"
        _call(ctx, "create_study", f"create_study({storage!r}, 'shared')", storage, "shared")
        # The worker imports what this process imports (the package, a submission's helpers).
        path = os.pathsep.join(p for p in sys.path if p and os.path.isdir(p))
        env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONWARNINGS": "ignore", "PYTHONPATH": path}
        learner = str(ctx.path(f"{MODULE}.py"))
        fenced = str(_fenced_folders()[0])
        commands = [
            [sys.executable, "-c", _WORKER, learner, str(data), storage, "shared",
             str(WORKER_TRIALS), f"worker-{i}", fenced, WORKER_TAG]
            for i in (1, 2)
        ]  # fmt: skip
        workers = [
            subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=folder
            )
            for command in commands
        ]
        outputs = [w.communicate()[0].decode(errors="replace") for w in workers]
        for worker, output in zip(workers, outputs, strict=True):
            if "READ " in output:
                fail(
                    f"In a worker process {MODULE}.py read the digits data set itself "
                    f"({output.split('READ ', 1)[1].strip()}): a study sees only the images "
                    "it is given."
                )
            if worker.returncode != 0:
                fail(
                    f"A worker process (tune(storage, 'shared', {WORKER_TRIALS}, ...) in a "
                    f"fresh Python) failed:\n{output.strip()[-600:]}"
                )
        trials = optuna.load_study(study_name="shared", storage=storage).get_trials()
    by_worker = Counter(t.user_attrs.get(WORKER_TAG) for t in trials)
    expect(
        by_worker == Counter({"worker-1": WORKER_TRIALS, "worker-2": WORKER_TRIALS}),
        f"Two workers, each running tune(storage, 'shared', {WORKER_TRIALS}, ...) on one "
        f"SQLite file, left the trials {dict(by_worker)} in the study 'shared' (expected "
        f"{WORKER_TRIALS} from each). Each worker must load the existing study from the "
        "storage (create_study(..., load_if_exists=True)) and run its trials in it.",
    )


@check("history and parameter-importance plots are written as images", hint="plots")
def plots_written(ctx: Context) -> None:
    import matplotlib.image

    study = _main_study(ctx)
    with ctx.scratch() as folder:
        with _saved_figures() as saved:
            paths = _call(ctx, "save_plots", "save_plots(study, folder) ran", study, folder)
        expect(
            isinstance(paths, dict) and {"history", "importances"} <= set(paths),
            "save_plots must return a dict with the keys 'history' and 'importances' "
            f"(paths of PNG files); got {paths!r}.",
        )
        for key in ("history", "importances"):
            path = Path(paths[key])
            if not path.is_file():
                fail(f"save_plots returned {path} for {key!r}, but no such file was written.")
            try:
                image = matplotlib.image.imread(path)
            except (OSError, ValueError, SyntaxError) as exc:
                fail(f"{path.name} is not a readable image ({exc}): save it with savefig.")
            height, width = image.shape[:2]
            expect(
                height >= 100 and width >= 100 and float(np.ptp(image)) > 0.1,
                f"{path.name} is {width}x{height} pixels and nearly one colour: draw the "
                f"{key} plot in it.",
            )
        drawn: dict[str, _Drawn] = {}
        for key in ("history", "importances"):
            figure = saved.get(Path(paths[key]).resolve())
            if figure is None:
                fail(
                    f"save_plots wrote {Path(paths[key]).name} without matplotlib's savefig "
                    f"(or under another name): save the {key} figure with fig.savefig(path)."
                )
            drawn[key] = figure
        _history_drawn(study, drawn["history"].series)
        _importances_drawn(study, drawn["importances"].bars)


@check("the tuned parameters beat the defaults on validation", hint="gain")
def tuned_beats_default(ctx: Context) -> None:
    d = _digits()
    model = _tuned_model(ctx)
    tuned = ctx.record("val_accuracy_tuned", _accuracy(model, d.X_val, d.y_val))
    default = ctx.record("val_accuracy_default", _default_val_accuracy(ctx))
    expect_bar(
        ctx,
        "val_gain",
        tuned - default,
        note=f"(validation accuracy {tuned:.3f} tuned against {default:.3f} for "
        "MLPClassifier() with scikit-learn's defaults and the same epochs.)",
    )


@check("the best parameters, refitted, score once on the test images", hint="gain")
def test_accuracy(ctx: Context) -> None:
    d = _digits()
    model = _tuned_model(ctx)
    expect_bar(
        ctx,
        "test_accuracy",
        _accuracy(model, d.X_test, d.y_test),
        note=f"({len(d.y_test)} test images the study never saw.)",
    )
