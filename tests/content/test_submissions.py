"""Every exercise's held-back submissions get the verdict they declare.

tests/content/submissions/<exercise id with '_' for '-'>/ holds, per exercise:
- alt_*.py: correct in another way than the solution: every check passes (the from-scratch
  pseudo-check too, where the exercise forbids imports);
- wrong_*.py: one mistake each, declared in the module docstring:

      Fails: <the check function in checks.py that must FAIL it, or from_scratch>
      Says: <comma-separated phrases its failure message contains, any case>
      File: <the learner file it replaces; optional, default the exercise's first .py file>

A wrong submission must read as a wrong answer (FAIL), never as a crash (ERROR) or as "not
attempted". Only its declared check runs. The checks run in-process
(`airoadmap.authoring.runner.run_inprocess`); the learner's other files come from the solution.
A folder's `_setup.py`, if any, prepares what its submissions need (`setup(folder)` returns
environment variables); tests/content/submissions/_solution.py lets a submission be the
solution with one piece changed.
"""

from __future__ import annotations

import ast
import importlib
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

from airoadmap.authoring.runner import run_inprocess
from airoadmap.curriculum.loader import content_root, exercise_dir, load_model
from airoadmap.curriculum.models import Exercise
from tests.data_needed import missing_data

SUBMISSIONS = Path(__file__).parent / "submissions"
SUBMISSIONS_PACKAGE = "tests.content.submissions"
FROM_SCRATCH = "from_scratch"
KEYS = ("Fails", "Says", "File")

# Exercises with a held-back wrong submission for every check (the others should join).
EVERY_CHECK_HELD_BACK = {
    "m01-errors-files",
    "m01-http",
    "m01-katas",
    "m01-oop",
    "m02-eda",
    "m02-inference",
    "m04-spam",
    "m04-titanic",
    "m06-pipeline",
    "m06-versioning",
    "m07-cnn",
    "m07-mlp",
    "m07-sequence",
    "m08-cv-detection",
    "m08-cv-opencv",
    "m08-genai-attention",
    "m08-genai-gan",
    "m08-nlp-bert",
    "m08-nlp-embeddings",
    "m08-rl-dqn",
    "m08-rl-qlearning",
    "m09-compress",
    "m09-regularization",
    "m09-transfer",
    "m09-tuning",
    "m10-chatbot",
    "m10-container",
    "m10-serve",
    "m11-drift",
    "m11-monitoring",
    "m12-fairness",
    "m12-system-design",
}
# Exercises whose checks read real data sets or train real models: seconds per submission.
SLOW = {"m04-spam", "m04-titanic", "m05-segmentation", "m06-pipeline",
        "m06-versioning", "m07-cnn", "m07-mlp",
        "m07-sequence", "m08-cv-detection", "m08-genai-attention",
        "m08-genai-gan", "m08-nlp-bert", "m08-nlp-embeddings", "m08-rl-dqn", "m08-rl-qlearning",
        "m09-compress", "m09-regularization", "m09-transfer", "m09-tuning",
        "m10-chatbot", "m10-serve", "m11-drift", "m12-capstone", "m12-fairness"}

# Correct alternatives that train a real model for 6-45 s of CPU each: `make test` leaves them
# to `make test-heavy`, which CI runs as well, so that `make test` stays within its time on two
# cores. Both alternatives of the four costliest exercises, one of the two of eight more; every
# other submission, wrong ones included, runs in `make test`. (The costliest solutions' dev
# checks are heavy too: tests/curriculum/test_devcheck.py, HEAVY_DEV_CHECKS.)
HEAVY = {"m07-cnn/alt_functional", "m07-cnn/alt_module_class",
         "m08-nlp-bert/alt_weighted_by_hand", "m08-nlp-bert/alt_sampled_batches",
         "m08-rl-dqn/alt_list_ring_episodes", "m08-rl-dqn/alt_torch_buffer",
         "m09-tuning/alt_hyperband_pyplot", "m09-tuning/alt_ask_tell",
         "m08-genai-gan/alt_gan_by_hand", "m07-mlp/alt_module_class",
         "m08-genai-attention/alt_einsum", "m08-rl-qlearning/alt_agent_class",
         "m08-nlp-embeddings/alt_grouped_by_hashes", "m08-cv-detection/alt_batchnorm",
         "m09-regularization/alt_module_loops", "m06-versioning/alt_pandas"}


@dataclass(frozen=True)
class Submission:
    """One held-back submission and what its docstring declares."""

    exercise_id: str
    path: Path
    fails: str = ""
    says: tuple[str, ...] = ()
    file: str = ""
    problems: tuple[str, ...] = field(default=())

    @property
    def wrong(self) -> bool:
        return self.path.name.startswith("wrong_")

    @property
    def id(self) -> str:
        return f"{self.exercise_id}/{self.path.stem}"


def exercise_id_of(folder: Path) -> str:
    """submissions/m01_errors_files -> m01-errors-files."""
    return folder.name.replace("_", "-")


@cache
def exercise(exercise_id: str) -> Exercise:
    return load_model(exercise_dir(exercise_id) / "exercise.toml", Exercise)


def _calls_check(decorator: ast.expr) -> bool:
    """Whether a decorator is `@check(...)` (or `@api.check(...)`)."""
    if not isinstance(decorator, ast.Call):
        return False
    func = decorator.func
    return (func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")) == "check"


@cache
def declared_checks(exercise_id: str) -> dict[str, str | None]:
    """The checks an exercise's checks.py registers, in order: function name -> hint group.

    Read with ast, not imported: collecting the tests stays cheap.
    """
    ex = exercise(exercise_id)
    tree = ast.parse((exercise_dir(exercise_id) / ex.checks).read_text(encoding="utf-8"))
    found: dict[str, str | None] = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            if _calls_check(decorator):
                assert isinstance(decorator, ast.Call)
                hints = [k.value for k in decorator.keywords if k.arg == "hint"]
                hint = hints[0].value if hints and isinstance(hints[0], ast.Constant) else None
                found[node.name] = hint
    return found


def check_names(exercise_id: str) -> set[str]:
    """The check function names a wrong submission may declare (from_scratch included)."""
    names = set(declared_checks(exercise_id))
    if exercise(exercise_id).forbidden_imports:
        names.add(FROM_SCRATCH)
    return names


def parse(exercise_id: str, path: Path) -> Submission:
    """Read a submission's declarations from its docstring."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    found: dict[str, str] = {}
    for line in doc.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() in KEYS:
            found[key.strip()] = value.strip()
    says = tuple(w.strip() for w in found.get("Says", "").split(",") if w.strip())
    problems = []
    if path.name.startswith("wrong_"):
        if not found.get("Fails"):
            problems.append("its docstring has no 'Fails: <check function>' line")
        elif found["Fails"] not in check_names(exercise_id):
            known = ", ".join(sorted(check_names(exercise_id)))
            problems.append(f"'Fails: {found['Fails']}' names no check of {exercise_id} ({known})")
        if not says:
            problems.append("its docstring has no 'Says: <words of the message>' line")
    file = found.get("File", "")
    if file and file not in exercise(exercise_id).files:
        problems.append(f"'File: {file}' is not one of the exercise's files")
    return Submission(exercise_id, path, found.get("Fails", ""), says, file, tuple(problems))


def folders() -> list[Path]:
    return sorted(
        p for p in SUBMISSIONS.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))
    )


def discover() -> list[Submission]:
    """Every alt_*.py and wrong_*.py of every exercise, declarations parsed."""
    return [
        parse(exercise_id_of(folder), path)
        for folder in folders()
        for path in sorted(folder.glob("*.py"))
        if path.name.startswith(("alt_", "wrong_"))
    ]


ALL = discover()


def learner_files(sub: Submission) -> dict[str, Path]:
    """The submission, as the learner file it replaces (the runner takes the rest from the
    solution)."""
    files = exercise(sub.exercise_id).files
    return {sub.file or next(name for name in files if name.endswith(".py")): sub.path}


@pytest.fixture(scope="session")
def folder_env(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], dict[str, str]]:
    """What a folder's `_setup.py` prepares (once) for its submissions: environment variables."""
    made: dict[Path, dict[str, str]] = {}

    def env(folder: Path) -> dict[str, str]:
        if folder not in made:
            made[folder] = {}
            if (folder / "_setup.py").is_file():
                module = importlib.import_module(f"{SUBMISSIONS_PACKAGE}.{folder.name}._setup")
                made[folder] = module.setup(tmp_path_factory.mktemp(folder.name))
        return made[folder]

    return env


# One thread per native library, as in the sandbox (see tests/content/conftest.py).
pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture(autouse=True)
def _quiet_and_local(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No __pycache__ in the content folders; no proxy between the checks and 127.0.0.1."""
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    yield


def words_missing(message: str, says: tuple[str, ...]) -> list[str]:
    """The declared phrases the message does not contain (case and spacing ignored)."""
    text = " ".join(message.split()).casefold()
    return [w for w in says if " ".join(w.split()).casefold() not in text]


# A wrong submission may leave a file open on purpose (a check looks for that): the warning
# Python gives when it is collected is not this test's business.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize(
    "sub",
    [
        pytest.param(
            s,
            id=s.id,
            marks=[pytest.mark.slow] * (s.exercise_id in SLOW)
            + [pytest.mark.heavy] * (s.id in HEAVY),
        )
        for s in ALL
    ],
)
def test_submission_gets_its_verdict(
    sub: Submission,
    folder_env: Callable[[Path], dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert not sub.problems, f"{sub.path}: " + "; ".join(sub.problems)
    if reason := missing_data(sub.exercise_id):
        pytest.skip(reason)
    for name, value in folder_env(sub.path.parent).items():
        monkeypatch.setenv(name, value)
    only = [sub.fails] if sub.wrong else None
    result = run_inprocess(sub.exercise_id, learner_files(sub), only=only)
    verdicts = {name: (r.outcome, r.message) for name, r in result.checks.items()}
    if not sub.wrong:
        failing = {name: v for name, v in verdicts.items() if v[0] != "PASS"}
        assert verdicts and not failing, f"{sub.path.name} should pass: {failing}"
        return
    assert sub.fails in verdicts, f"{sub.fails} did not run on {sub.path.name}: {verdicts}"
    outcome, message = verdicts[sub.fails]
    assert outcome == "FAIL", f"{sub.fails} should FAIL {sub.path.name}, got {outcome}: {message}"
    missing = words_missing(message, sub.says)
    assert not missing, f"{sub.fails}'s message lacks {missing}: {message}"


EXERCISES = sorted(p.parent.name for p in (content_root() / "exercises").glob("*/exercise.toml"))


# The slow exercises' solutions are graded once, in the sandbox, by
# tests/curriculum/test_devcheck.py (`airoadmap dev check`): grading them here too would double
# the suite's most expensive runs.
@pytest.mark.parametrize("exercise_id", [e for e in EXERCISES if e not in SLOW])
def test_solution_passes_every_check(exercise_id: str) -> None:
    if reason := missing_data(exercise_id):
        pytest.skip(reason)
    folder = exercise_dir(exercise_id) / "solution"
    result = run_inprocess(exercise_id, {f: folder / f for f in exercise(exercise_id).files})
    assert result.checks and result.failures() == {}


# The slow exercises' starters too: `dev check` grades them in the sandbox and requires
# NOT_ATTEMPTED of every check (their checks load data and train before the first call into
# the learner's code, so a second grading here costs seconds each).
@pytest.mark.parametrize("exercise_id", [e for e in EXERCISES if e not in SLOW])
def test_starter_is_not_attempted(exercise_id: str) -> None:
    """Every check of the untouched starter reads NOT_ATTEMPTED, never FAIL or ERROR (the
    from-scratch check too: with nothing attempted, it has nothing to judge)."""
    folder = exercise_dir(exercise_id) / "starter"
    result = run_inprocess(exercise_id, {f: folder / f for f in exercise(exercise_id).files})
    outcomes = {n: c.outcome for n, c in result.checks.items()}
    assert outcomes and set(outcomes.values()) == {"NOT_ATTEMPTED"}, result.failures()


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_every_check_points_to_a_hint_group(exercise_id: str) -> None:
    """Each check names a hint group of exercise.toml; each group but "general" is used."""
    groups = {group.key: group for group in exercise(exercise_id).hints}
    hints = set(declared_checks(exercise_id).values())
    assert None not in hints and hints <= set(groups), sorted(map(str, hints - set(groups)))
    assert set(groups) - {"general"} <= hints, "hint groups no check points to"
    assert all(len(group.tiers) == 3 for group in groups.values()), "three tiers per group"


def test_every_folder_names_an_exercise() -> None:
    for folder in folders():
        assert (exercise_dir(exercise_id_of(folder)) / "exercise.toml").is_file(), folder


def test_every_exercise_with_submissions_has_correct_and_wrong_ones() -> None:
    for folder in folders():
        names = [p.name for p in folder.glob("*.py")]
        assert any(n.startswith("alt_") for n in names), f"{folder.name}: no alt_*.py"
        assert any(n.startswith("wrong_") for n in names), f"{folder.name}: no wrong_*.py"


def test_heavy_names_submissions_that_exist() -> None:
    assert sorted(HEAVY - {s.id for s in ALL}) == []
    assert all(s.exercise_id in SLOW and not s.wrong for s in ALL if s.id in HEAVY)


@pytest.mark.parametrize("exercise_id", sorted(EVERY_CHECK_HELD_BACK))
def test_every_check_fails_a_held_back_submission(exercise_id: str) -> None:
    declared = {s.fails for s in ALL if s.exercise_id == exercise_id and s.wrong}
    assert sorted(check_names(exercise_id) - declared) == []


def _imports_forbidden(path: Path, forbidden: list[str]) -> bool:
    """Whether the file names a forbidden module: import, from-import, or a string."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names.append(node.value)
    return any(re.fullmatch(rf"{re.escape(f)}(\..*)?", n) for n in names for f in forbidden)


def test_every_from_scratch_exercise_has_a_wrapper_that_fails() -> None:
    """A wrapper around a forbidden library (e.g. scikit-learn) is held back and declared."""
    by_exercise: dict[str, list[Submission]] = {}
    for sub in ALL:
        by_exercise.setdefault(sub.exercise_id, []).append(sub)
    for exercise_id in sorted({exercise_id_of(f) for f in folders()}):
        forbidden = exercise(exercise_id).forbidden_imports
        if not forbidden:
            continue
        wrappers = [
            s
            for s in by_exercise.get(exercise_id, [])
            if s.wrong and s.fails == FROM_SCRATCH and _imports_forbidden(s.path, forbidden)
        ]
        assert wrappers, (
            f"{exercise_id} forbids {forbidden}: hold back a wrong_*.py that imports one of "
            f"them, declared 'Fails: {FROM_SCRATCH}'"
        )


def test_a_declaration_problem_is_reported(tmp_path: Path) -> None:
    """A wrong submission that declares nothing, or an unknown check, is itself a failure."""
    bare = tmp_path / "wrong_bare.py"
    bare.write_text('"""Wrong: something."""\n', encoding="utf-8")
    assert [p.split("'")[1] for p in parse("m01-katas", bare).problems] == [
        "Fails: <check function>",
        "Says: <words of the message>",
    ]
    unknown = tmp_path / "wrong_unknown.py"
    unknown.write_text('"""Wrong.\n\nFails: no_such_check\nSays: x\n"""\n', encoding="utf-8")
    (problem,) = parse("m01-katas", unknown).problems
    assert "'Fails: no_such_check' names no check of m01-katas" in problem


def test_says_is_matched_phrase_by_phrase() -> None:
    assert words_missing("Call  FIT first.", ("call fit", "first")) == []
    assert words_missing("call fit first", ("fit call",)) == ["fit call"]
