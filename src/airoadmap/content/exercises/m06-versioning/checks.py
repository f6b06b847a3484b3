"""Checks of m06-versioning: the learner's pipeline, put under DVC and driven by the checks.

The checks write the Titanic passengers to `data/titanic.csv` in a fresh project folder
inside the working copy, copy the learner's versioning.py, dvc.yaml and params.yaml next to
it, and run DVC through its Python API (`dvc.repo.Repo`: one import, no CLI start-up per
command): `init --no-scm`, a local remote in the same scratch folder, `add` of the raw data,
then `repro`, `push`, `status`, `checkout` and `pull`. What git would keep of each version
(params.yaml, dvc.lock, the uncached metrics file) is kept by the checks in memory.

Every stage DVC runs is one process (`python versioning.py <stage>`), with the checks' own
import path; DVC's per-machine cache folder is moved into the scratch folder (the sandbox
writes nowhere else). Before DVC runs anything, the checks call the three stage functions
in-process twice: the reference bytes each DVC output must equal. On those tables they fit
the brief's model themselves: the accuracy evaluate reports must be its accuracy.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from airoadmap.grading.api import Context, check, expect, expect_bar, fail
from airoadmap.grading.kit.modelcheck import once

MODULE = "versioning"
PROJECT_FILES = ("versioning.py", "dvc.yaml", "params.yaml")
COLUMNS = ["survived", "pclass", "sex", "age", "sibsp", "parch", "fare"]
RAW = "data/titanic.csv"
STAGES = ("prepare", "train", "evaluate")
# What each stage must write, as versioning.py's path constants say (the brief's table).
OUTPUTS = {"prepare": ("data/train.csv", "data/test.csv"), "train": ("model/model.json",)}
METRICS = "metrics.json"
LABEL = "survived"
FEATURES = ["pclass", "female", "age", "sibsp", "parch", "fare"]
KEPT = [LABEL, "pclass", "sibsp", "parch"]  # columns prepare copies as they are
PARAMS = {
    "prepare": ("seed", "test_fraction"),
    "train": ("learning_rate", "epochs", "l2"),
    "evaluate": ("threshold",),
}


def _bump_threshold(value: Any) -> Any:
    return round(float(value) + 0.1, 6) if float(value) <= 0.8 else round(float(value) - 0.1, 6)


def _bump_l2(value: Any) -> Any:
    return float(value) * 10 + 0.01


def _bump_seed(value: Any) -> Any:
    return int(value) + 1


# (section, key, new value from the old, the stages that must re-run), in the order applied.
CHANGES: tuple[tuple[str, str, Callable[[Any], Any], tuple[str, ...]], ...] = (
    ("evaluate", "threshold", _bump_threshold, ("evaluate",)),
    ("train", "l2", _bump_l2, ("train", "evaluate")),
    ("prepare", "seed", _bump_seed, ("prepare", "train", "evaluate")),
)


def md5(path: Path) -> str:
    """The content hash DVC records for a file."""
    return hashlib.md5(path.read_bytes()).hexdigest()


# --- the learner's stages, called in-process --------------------------------------------


def _params(ctx: Context) -> dict[str, dict[str, Any]]:
    """params.yaml as a dict, with every key the brief names."""
    path = ctx.path("params.yaml")
    try:
        params = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        fail(f"params.yaml is not valid YAML: {str(err).splitlines()[0]}")
    expect(isinstance(params, dict), "params.yaml should hold one section per stage.")
    for section, keys in PARAMS.items():
        expect(
            isinstance(params.get(section), dict),
            f"params.yaml has no section '{section}:': the brief's table lists its keys.",
        )
        missing = [k for k in keys if k not in params[section]]
        expect(not missing, f"params.yaml's '{section}' section lacks {', '.join(missing)}.")
    return params


def _raw_frame(ctx: Context) -> Any:
    """The passengers the checks give the pipeline (the COLUMNS of the registry's Titanic)."""
    from airoadmap.datasets import load_frame

    return once(ctx, "frame", lambda: load_frame("titanic")[COLUMNS])


def _raw_data(ctx: Context, folder: Path) -> Path:
    """The passengers the checks give the pipeline, written once per run to folder/RAW."""

    def write() -> bytes:
        return str(_raw_frame(ctx).to_csv(index=False)).encode("utf-8")

    path = folder / RAW
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(once(ctx, "raw", write))
    return path


def _run_stages(ctx: Context, folder: Path, params: dict[str, Any]) -> dict[str, bytes]:
    """Call prepare, train and evaluate in `folder`; the bytes of each file they wrote."""
    module = ctx.load(MODULE)
    raw = _raw_data(ctx, folder)
    paths = {name: folder / name for name in (*OUTPUTS["prepare"], *OUTPUTS["train"], METRICS)}
    train_csv, test_csv = (paths[p] for p in OUTPUTS["prepare"])
    model = paths[OUTPUTS["train"][0]]
    module.prepare(copy.deepcopy(params["prepare"]), raw, train_csv, test_csv)
    model.parent.mkdir(parents=True, exist_ok=True)
    module.train(copy.deepcopy(params["train"]), train_csv, model)
    module.evaluate(copy.deepcopy(params["evaluate"]), model, test_csv, paths[METRICS])
    missing = [name for name, path in paths.items() if not path.is_file()]
    expect(not missing, f"After prepare, train and evaluate, {', '.join(missing)} is missing.")
    return {name: path.read_bytes() for name, path in paths.items()}


@dataclass(frozen=True)
class Reference:
    """The stages run twice by hand with params.yaml: the first run's files and hashes, and
    the first file that differed between the two runs (None when none did)."""

    files: dict[str, bytes]
    hashes: dict[str, str]
    differs: str | None


def _reference(ctx: Context) -> Reference:
    def run() -> Reference:
        params = _params(ctx)
        with ctx.scratch() as first, ctx.scratch() as second:
            a = _run_stages(ctx, first, params)
            b = _run_stages(ctx, second, params)
        differs = [name for name in a if a[name] != b[name]]
        hashes = {name: hashlib.md5(content).hexdigest() for name, content in a.items()}
        return Reference(a, hashes, differs[0] if differs else None)

    return once(ctx, "reference", run)


def _table(content: bytes, name: str) -> dict[str, np.ndarray]:
    """A table prepare wrote, as columns (the label and FEATURES, in any order)."""
    lines = content.decode("utf-8").splitlines()
    header = lines[0].split(",") if lines else []
    expect(
        sorted(header) == sorted([LABEL, *FEATURES]),
        f"{name} has the columns {header}; expected {[LABEL, *FEATURES]} (write_table "
        "writes them).",
    )
    values = np.array([[float(x) for x in line.split(",")] for line in lines[1:] if line])
    return {column: values[:, i] for i, column in enumerate(header)}


def _fill_problem(raw: np.ndarray, train: np.ndarray, test: np.ndarray) -> str | None:
    """What is wrong with the filled column (None when nothing is): the values the tables
    hold beyond the known ones must be one value per missing cell, the same in both tables,
    and that value the median of the training rows' known values."""
    known = Counter(raw[~np.isnan(raw)].tolist())
    written = Counter(np.concatenate([train, test]).tolist())
    added = written - known
    missing = int(np.isnan(raw).sum())
    if sum(added.values()) != missing or len(added) > 1 or known - written:
        shown = ", ".join(f"{v:g}" for v in sorted(added)[:3])
        return (
            f"the {missing} missing values should all be filled with one value, the same in "
            f"the training and the test table; the tables add {shown or 'nothing'}"
        )
    if not missing:
        return None
    (fill,) = added
    # Adding copies of a median leaves it the median: keep as many copies of `fill` as
    # the known values could hold, and the median must not move.
    copies = min(known[fill], int(np.sum(train == fill)))
    median = float(np.median(np.concatenate([train[train != fill], np.full(copies, fill)])))
    if abs(median - fill) > 1e-9 * max(1.0, abs(fill)):
        return (
            f"the value filled in, {fill:g}, is not the median of the training rows' known "
            f"values ({median:g})"
        )
    return None


def _own_accuracy(
    train: dict[str, np.ndarray], test: dict[str, np.ndarray], params: dict[str, Any]
) -> float:
    """The brief's model, fitted by the checks on the learner's own tables: the accuracy
    evaluate should report."""
    x = np.column_stack([train[f] for f in FEATURES])
    mean, std = x.mean(axis=0), x.std(axis=0)
    std = np.where(std > 0, std, 1.0)
    z, y = (x - mean) / std, train[LABEL]
    weights, bias = np.zeros(len(FEATURES)), 0.0
    rate, l2 = params["train"]["learning_rate"], params["train"]["l2"]
    for _ in range(params["train"]["epochs"]):
        error = 1.0 / (1.0 + np.exp(-(z @ weights + bias))) - y
        weights = weights - rate * (z.T @ error / len(y) + l2 * weights)
        bias -= rate * float(error.mean())
    z_test = (np.column_stack([test[f] for f in FEATURES]) - mean) / std
    p = 1.0 / (1.0 + np.exp(-(z_test @ weights + bias)))
    return float(np.mean((p >= params["evaluate"]["threshold"]) == test[LABEL]))


# --- the project under DVC ------------------------------------------------------------------


# The cheap steps first: a check runs the steps up to its own, and corrupt and restore run no
# stage. Restore brings back the first version (the threshold has changed since); the later
# changes start from it.
STEPS = ("first", "second", "evaluate.threshold", "corrupt", "restore", "train.l2", "prepare.seed")


@dataclass
class Story:
    """The project under DVC, driven one step of STEPS at a time, as far as a check needs;
    what each step saw, and the DVC error that stopped a step (the later ones never run)."""

    root: Path
    site: Path
    params: dict[str, Any]
    done: list[str] = field(default_factory=list)
    error: tuple[str, BaseException] | None = None
    ran: dict[str, list[str]] = field(default_factory=dict)
    hashes: dict[str, dict[str, str]] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    first_files: dict[str, bytes] = field(default_factory=dict)  # what git keeps of it
    corrupted: dict[str, tuple[bool, bool]] = field(default_factory=dict)
    restored: dict[str, tuple[str, str]] = field(default_factory=dict)
    status_after_restore: dict[str, Any] = field(default_factory=dict)

    def reach(self, step: str) -> Story:
        """Run the steps up to `step`; fail with the DVC error of the one that stopped."""
        for name in STEPS[: STEPS.index(step) + 1]:
            if self.error is None and name not in self.done:
                try:
                    with _dvc_session(self.root, self.site):
                        self._run(name)
                    self.done.append(name)
                except Exception as err:  # DVC's errors: each check that needs it says it
                    self.error = (name, err)
            if self.error is not None:
                fail(_dvc_error(f"step '{self.error[0]}'", self.error[1]))
        return self

    def _run(self, step: str) -> None:
        if step == "corrupt":
            self._corrupt()
        elif step == "restore":
            self._restore()
        else:
            if step not in ("first", "second"):
                section, key = step.split(".")
                bump = next(b for s, k, b, _ in CHANGES if (s, k) == (section, key))
                self.params[section][key] = bump(self.params[section][key])
                text = yaml.safe_dump(self.params)
                (self.root / "params.yaml").write_text(text, encoding="utf-8")
            self._repro(step)
        if step == "first":
            self.metrics = json.loads((self.root / METRICS).read_text(encoding="utf-8"))
            self.first_files = {
                n: (self.root / n).read_bytes() for n in ("params.yaml", "dvc.lock", METRICS)
            }

    def _repro(self, step: str) -> None:
        """`dvc repro` (the first one followed by `dvc push`, for the restore step): which
        stages ran, and the hashes dvc.lock records."""
        from dvc.repo import Repo

        with Repo(str(self.root)) as repo:
            self.ran[step] = _stage_names(repo.reproduce())
            if step == "first":
                repo.push()
        self.hashes[step] = _lock_hashes(self.root)

    def _corrupt(self) -> None:
        """Change the model and the raw data behind DVC's back; `status`; `checkout`."""
        from dvc.repo import Repo

        targets = (OUTPUTS["train"][0], RAW)
        expected = _lock_hashes(self.root)
        for name in targets:
            with (self.root / name).open("ab") as f:
                f.write(b"\n0,0,0,0,0,0,0\n")
        with Repo(str(self.root)) as repo:
            status = json.dumps(repo.status(), default=str)
            with contextlib.suppress(Exception):  # what it could not restore is judged
                repo.checkout(force=True)
        for name in targets:
            path = self.root / name
            restored = path.is_file() and md5(path) == expected.get(name)
            self.corrupted[name] = (name in status, restored)

    def _restore(self) -> None:
        """A fresh clone of the first version: no cache, no outputs, its git files; `pull`."""
        from dvc.repo import Repo

        shutil.rmtree(self.root / ".dvc" / "cache", ignore_errors=True)
        for name in (*OUTPUTS["prepare"], *OUTPUTS["train"], METRICS, RAW):
            (self.root / name).unlink(missing_ok=True)
        for name, content in self.first_files.items():
            (self.root / name).write_bytes(content)
        with Repo(str(self.root)) as repo:
            with contextlib.suppress(Exception):  # what it could not restore is judged
                repo.pull()
            for name, expected in self.hashes["first"].items():
                path = self.root / name
                self.restored[name] = (expected, md5(path) if path.is_file() else "missing")
            self.status_after_restore = repo.status()
        self.params = yaml.safe_load(self.first_files["params.yaml"])
        self.hashes["restore"] = self.hashes["first"]


@contextlib.contextmanager
def _dvc_session(root: Path, site: Path) -> Iterator[None]:
    """The process state DVC runs in: the project as the current folder, its per-machine
    cache under the scratch folder, no telemetry, and stages that find this Python and the
    checks' import path."""
    saved_env, saved_cwd = dict(os.environ), Path.cwd()
    os.environ["DVC_SITE_CACHE_DIR"] = str(site)
    os.environ["DVC_NO_ANALYTICS"] = "1"
    os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    os.chdir(root)
    try:
        yield
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)


def _lock_hashes(root: Path) -> dict[str, str]:
    """Every output dvc.lock records (path -> md5), and the raw data's .dvc file's."""
    hashes: dict[str, str] = {}
    lock = yaml.safe_load((root / "dvc.lock").read_text(encoding="utf-8")) or {}
    for stage in (lock.get("stages") or {}).values():
        for out in stage.get("outs") or []:
            hashes[out["path"]] = out.get("md5", "")
    raw = yaml.safe_load((root / f"{RAW}.dvc").read_text(encoding="utf-8"))
    hashes[RAW] = raw["outs"][0]["md5"]
    return hashes


def _stage_names(stages: list[Any]) -> list[str]:
    return [s.addressing for s in stages if s.addressing in STAGES]


def _dvc_error(step: str, err: BaseException) -> str:
    cause = err.__cause__ or err.__context__
    why = f" ({type(cause).__name__}: {cause})" if cause else ""
    return (
        f"{step}: DVC stopped with {type(err).__name__}: {err}{why}. Run the same command in "
        "your folder to see the whole story (a stage's own traceback comes first)."
    )


def _story(ctx: Context, step: str) -> Story:
    """The project under DVC (set up once per run), driven as far as `step`."""

    def setup() -> Story:
        _reference(ctx)  # the learner's stages first: NotImplementedError reads NOT_ATTEMPTED
        params = _params(ctx)
        try:
            import logging

            from dvc.repo import Repo

            logging.getLogger("dvc").setLevel(logging.ERROR)
        except ImportError:  # pragma: no cover - the mlops extra is missing
            fail("DVC is not installed: `pip install dvc` (the mlops extra of airoadmap).")
        scratch = Path(tempfile.mkdtemp(prefix="dvc-", dir=ctx.workdir))  # goes with the copy
        root = scratch / "project"
        root.mkdir()
        for name in PROJECT_FILES:
            shutil.copy2(ctx.path(name), root / name)
        _raw_data(ctx, root)
        story = Story(root=root, site=scratch / "site", params=copy.deepcopy(params))
        with _dvc_session(root, story.site):
            Repo.init(str(root), no_scm=True)
            with Repo(str(root)) as repo:
                with repo.config.edit() as conf:
                    conf["core"]["remote"] = "local"
                    conf["remote"]["local"] = {"url": str(scratch / "remote")}
                repo.add(str(root / RAW))
        return story

    return once(ctx, "story", setup).reach(step)


# --- the checks -------------------------------------------------------------------------------


@check("the same params give the same files, byte for byte", hint="determinism")
def stages_are_deterministic(ctx: Context) -> None:
    differs = _reference(ctx).differs
    expect(
        differs is None,
        f"Two runs of prepare, train and evaluate with the same params.yaml wrote different "
        f"{differs}. DVC identifies a version by the hashes of its files: a stage that draws "
        "unseeded random numbers (or writes the time) makes every run a new version, and an "
        "old one can never be reproduced. Draw from np.random.default_rng(params['seed']).",
    )


@check("prepare splits as params.yaml says; evaluate reports the brief's model", hint="stages")
def stages_follow_the_brief(ctx: Context) -> None:
    reference, params = _reference(ctx), _params(ctx)
    train, test = (_table(reference.files[n], n) for n in OUTPUTS["prepare"])
    raw = _raw_frame(ctx)
    n, n_test = len(raw), round(len(raw) * params["prepare"]["test_fraction"])
    expect(
        (len(train[LABEL]), len(test[LABEL])) == (n - n_test, n_test),
        f"prepare wrote {len(train[LABEL])} training and {len(test[LABEL])} test rows; "
        f"expected {n - n_test} and {n_test}: round(n * test_fraction) of the {n} "
        "passengers held out, the others kept, none dropped.",
    )
    for name, table in zip(OUTPUTS["prepare"], (train, test), strict=True):
        expect(
            not any(np.isnan(column).any() for column in table.values()),
            f"{name} still has missing values: fill a missing age or fare with the median "
            "of the training rows.",
        )
    for column in ("age", "fare"):
        problem = _fill_problem(raw[column].to_numpy(dtype=float), train[column], test[column])
        expect(
            problem is None,
            f"prepare's {column} column: {problem}. Fill every missing {column}, in both "
            "tables, with the median of the known values of the training rows.",
        )
    female = (raw["sex"] == "female").to_numpy(dtype=float)
    expected = sorted(zip(*(raw[c].to_numpy(dtype=float) for c in KEPT), female, strict=True))
    found = sorted(
        zip(*(np.concatenate([train[c], test[c]]) for c in [*KEPT, "female"]), strict=True)
    )
    expect(
        found == expected,
        f"The rows of the two tables, columns {', '.join(KEPT)} and female, are not the "
        "passengers of data/titanic.csv: each passenger goes to exactly one table, with "
        "female = 1.0 where sex is 'female'.",
    )
    module = ctx.load(MODULE)
    try:
        module.main(["fit"])
    except SystemExit as err:
        stopped = err.code not in (0, None)
    except NotImplementedError:
        raise
    except Exception:
        stopped = False
    else:
        stopped = False
    expect(
        stopped,
        "main(['fit']) should stop with its usage line and a failing exit status (SystemExit "
        "with a message, or argparse's error): 'fit' is no stage.",
    )
    reported = json.loads(reference.files[METRICS]).get("accuracy")
    own = _own_accuracy(train, test, params)
    expect(
        isinstance(reported, int | float) and abs(reported - own) < 0.5 / n_test,
        f"evaluate reported accuracy {reported!r}; the brief's model (gradient descent "
        f"with your params on your data/train.csv, standardised with its mean and std) "
        f"scores {own:.4f} on your data/test.csv. Check each step against the brief.",
    )


@check("dvc repro runs prepare, train, evaluate in order and tracks their outputs", hint="dvcyaml")
def pipeline_runs(ctx: Context) -> None:
    story = _story(ctx, "first")
    ran = story.ran["first"]
    expect(
        ran == list(STAGES),
        f"The first `dvc repro` ran {ran or 'no stage'}, expected {list(STAGES)} in that "
        "order: dvc.yaml needs the three stages, each listing as deps the files it reads "
        "(the outputs of the stage before it), so DVC can order them.",
    )
    tracked = story.hashes["first"]
    for stage, outs in OUTPUTS.items():
        for out in outs:
            expect(
                out in tracked,
                f"dvc.lock records no hash for {out}: list it under the outs of the "
                f"'{stage}' stage, so DVC caches it by content hash and can restore it.",
            )
    expect(
        METRICS in tracked,
        f"dvc.lock records no hash for {METRICS}: list it under the 'evaluate' stage's "
        f"metrics (with cache: false it stays in git, and `dvc metrics diff` compares it).",
    )
    for name, digest in _reference(ctx).hashes.items():
        if tracked.get(name) != digest:
            fail(
                f"{name}, written by `dvc repro`, differs from what the stage functions write "
                "when called with the same params.yaml sections: the cmd of each stage should "
                "be `python versioning.py <stage>`, and main() should pass the stage its own "
                "section of params.yaml and the paths of the brief."
            )


@check("the model's accuracy on the held-out passengers reaches the bar", hint="stages")
def accuracy(ctx: Context) -> None:
    story = _story(ctx, "first")
    value = story.metrics.get("accuracy")
    expect(
        isinstance(value, int | float),
        f"{METRICS} should hold {{'accuracy': <a number>}}; it holds {story.metrics!r}.",
    )
    assert isinstance(value, int | float)
    expect_bar(ctx, "accuracy", float(value))


@check("a second dvc repro skips every stage", hint="dvcyaml")
def second_run_skips(ctx: Context) -> None:
    story = _story(ctx, "second")
    ran = story.ran["second"]
    expect(
        not ran,
        f"The second `dvc repro`, with nothing changed, ran {', '.join(ran)} again. DVC skips "
        "a stage whose deps, params and outs have the hashes dvc.lock recorded; a stage marked "
        "always_changed, one with neither deps nor params, or one that rewrites a file it "
        "depends on runs every time.",
    )


@check("changing one parameter re-runs only the stages downstream of it", hint="params")
def param_reruns_downstream(ctx: Context) -> None:
    previous = _story(ctx, "second").hashes["second"]
    for section, key, _, expected in CHANGES:
        step = f"{section}.{key}"
        story = _story(ctx, step)
        ran, now = story.ran[step], story.hashes[step]
        out = {"prepare": OUTPUTS["prepare"][0], "train": OUTPUTS["train"][0]}.get(section)
        if out is not None and section in ran:
            expect(
                now.get(out) != previous.get(out),
                f"After changing {step}, {section} ran but wrote the same {out}: the stage "
                f"should read {key} from its params, not a value of its own.",
            )
        expect(
            ran == list(expected),
            f"After changing {step} in params.yaml, `dvc repro` ran "
            f"{', '.join(ran) or 'no stage'}; expected {', '.join(expected)}. Each stage "
            "should list under params exactly the keys it reads, and under deps the files "
            "it reads, so that a change reaches the stages downstream of it and no others.",
        )
        previous = now


@check("a corrupted tracked file is detected and restored by dvc checkout", hint="outputs")
def corruption_detected(ctx: Context) -> None:
    story = _story(ctx, "corrupt")
    for name, (reported, restored) in story.corrupted.items():
        expect(
            reported,
            f"After {name} was changed by hand, `dvc status` did not report it: it should be "
            "an out of a stage (or added with dvc add), so DVC knows its hash.",
        )
        expect(
            restored,
            f"After {name} was changed by hand, `dvc checkout --force` did not restore it: "
            "DVC restores only what it cached; an out marked cache: false stays broken.",
        )


@check("a previous version is restored from the remote", hint="restore")
def previous_version_restored(ctx: Context) -> None:
    story = _story(ctx, "restore")
    for name, (expected, found) in story.restored.items():
        expect(
            found == expected,
            f"After a fresh clone of the first version (its params.yaml and dvc.lock, an empty "
            f"cache) and `dvc pull`, {name} has hash {found}, expected {expected}: every out "
            "must reach the remote (`dvc push`); push: false keeps one from it.",
        )
    expect(
        not story.status_after_restore,
        "After `dvc pull` of the first version, `dvc status` still reports changes "
        f"({story.status_after_restore}): the restored files should match dvc.lock exactly.",
    )
