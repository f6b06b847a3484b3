"""m01-katas: the solution passes every check, the starter is not attempted, wrong code fails.

The checks run in-process here (the sandboxed grader runs the same functions out of process).
"""

from __future__ import annotations

import ast
import doctest
import importlib.util
import inspect
import shutil
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from textwrap import dedent
from types import ModuleType

import pytest

from airoadmap.curriculum.loader import exercise_dir
from airoadmap.curriculum.models import Exercise
from airoadmap.grading import api

EXERCISE = "m01-katas"
ROOT = exercise_dir(EXERCISE)
KATAS = [
    "is_palindrome",
    "slugify",
    "word_counts",
    "chunk",
    "moving_average",
    "dedupe",
    "jaccard",
    "deep_get",
    "flatten",
    "flatten_dict",
    "BoundedQueue",
    "parse_age",
    "clean_lines",
    "column_mean",
]


def load_checks() -> list[api.CheckSpec]:
    """Import checks.py afresh and return the checks it registers, in order."""
    api.REGISTRY.clear()
    spec = importlib.util.spec_from_file_location("m01_katas_checks", ROOT / "checks.py")
    assert spec is not None and spec.loader is not None
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
    specs = list(api.REGISTRY)
    api.REGISTRY.clear()
    return specs


def exercise() -> Exercise:
    with open(ROOT / "exercise.toml", "rb") as f:
        return Exercise.model_validate(tomllib.load(f))


@pytest.fixture(autouse=True)
def _forget_learner_module(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Context.load registers `katas` in sys.modules: do not leak it between tests.

    No bytecode either: importing the content's own files must not leave __pycache__ in it.
    """
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    yield
    sys.modules.pop("katas", None)


def workdir(tmp_path: Path, side: str, extra: str = "") -> Path:
    """A working copy of starter/ or solution/, with `extra` code appended to katas.py."""
    work = tmp_path / side
    shutil.copytree(ROOT / side, work)
    if extra:
        katas = work / "katas.py"
        katas.write_text(katas.read_text(encoding="utf-8") + "\n\n" + extra, encoding="utf-8")
    return work


def run_all(work: Path) -> dict[str, BaseException | None]:
    """Run every check against `work`: hint key -> the exception it raised (None: passed)."""
    ctx = api.Context(workdir=work)
    results: dict[str, BaseException | None] = {}
    for spec in load_checks():
        assert spec.hint is not None
        try:
            spec.func(ctx)
        except BaseException as err:  # the test inspects whatever was raised
            results[spec.hint] = err
        else:
            results[spec.hint] = None
    return results


def load_module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the content fits together ------------------------------------------------------------------


def test_exercise_toml_is_valid_and_complete() -> None:
    ex = exercise()
    assert ex.id == EXERCISE and ex.month == 1
    assert ex.files == ["katas.py"] and ex.checks == "checks.py"
    assert ex.limits.timeout_s <= 10
    keys = [h.key for h in ex.hints]
    assert sorted(keys) == sorted([*KATAS, "general"])
    for group in ex.hints:
        assert len(group.tiers) == 3, f"{group.key}: a nudge, the approach, nearly the code"
        assert all(t.strip() for t in group.tiers)
    assert (ROOT / "brief.md").read_text(encoding="utf-8").count("airoadmap check m01-katas")


def test_one_check_per_kata_each_pointing_to_its_hints() -> None:
    specs = load_checks()
    assert [s.hint for s in specs] == KATAS
    hint_keys = {h.key for h in exercise().hints}
    for spec in specs:
        assert spec.hint in hint_keys, f"check {spec.name!r}: no hint group {spec.hint!r}"
    assert len({s.name for s in specs}) == len(specs)


def test_starter_and_solution_share_the_same_contract() -> None:
    starter = load_module(ROOT / "starter" / "katas.py", "m01_starter")
    solution = load_module(ROOT / "solution" / "katas.py", "m01_solution")
    for name in [*KATAS, "QueueFull"]:
        mine, ref = getattr(starter, name), getattr(solution, name)
        doc = inspect.getdoc(ref) or ""
        assert inspect.getdoc(mine) == doc, name
        if name in KATAS:
            assert ">>>" in doc or "Example:" in doc, f"{name}: the contract shows an example"
        if inspect.isfunction(ref):
            assert inspect.signature(mine) == inspect.signature(ref), name
    for method in ("__init__", "push", "pop", "peek", "is_full", "__len__", "__repr__"):
        assert inspect.signature(getattr(starter.BoundedQueue, method)) == inspect.signature(
            getattr(solution.BoundedQueue, method)
        ), method


def test_every_starter_body_is_a_todo() -> None:
    source = (ROOT / "starter" / "katas.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    functions = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]
    assert len(functions) == 13 + 7  # the functions, and BoundedQueue's methods
    lines = source.splitlines()
    for fn in functions:
        body = [
            s
            for s in fn.body
            if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
        ]
        assert len(body) == 1 and isinstance(body[0], ast.Raise), fn.name
        assert lines[body[0].lineno - 2].strip().startswith("# TODO:"), fn.name


def test_solution_examples_run() -> None:
    module = load_module(ROOT / "solution" / "katas.py", "m01_solution_doctest")
    result = doctest.testmod(module)
    assert result.attempted >= 12 and result.failed == 0


def test_checks_import_nothing_heavy() -> None:
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('c', {str(ROOT / 'checks.py')!r})\n"
        "spec.loader.exec_module(importlib.util.module_from_spec(spec))\n"
        "print(sorted(m for m in ('numpy', 'pandas', 'pydantic') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-B", "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


# -- the solution passes, the starter is not attempted ------------------------------------------


def test_solution_passes_every_check_quickly(tmp_path: Path) -> None:
    start = time.perf_counter()
    results = run_all(workdir(tmp_path, "solution"))
    elapsed = time.perf_counter() - start
    assert results == dict.fromkeys(KATAS)
    assert elapsed < 3.0  # the sandbox allows 10 s; it takes about 0.01 s


def test_starter_reads_not_attempted_everywhere(tmp_path: Path) -> None:
    results = run_all(workdir(tmp_path, "starter"))
    assert set(results) == set(KATAS)
    for key, err in results.items():
        assert type(err) is NotImplementedError, f"{key}: {err!r}"


def test_checks_leave_the_working_copy_clean(tmp_path: Path) -> None:
    work = workdir(tmp_path, "solution")
    before = sorted(p.name for p in work.iterdir())
    run_all(work)
    after = sorted(p.name for p in work.iterdir() if p.name != "__pycache__")
    assert after == before


# -- wrong submissions fail the right check, with a message that teaches -------------------------

# (kata, what is wrong, code appended to the solution that redefines the kata)
WRONG: list[tuple[str, str, str]] = [
    (
        "is_palindrome",
        "compares the raw text",
        dedent(
            """\
            def is_palindrome(text):
                return text == text[::-1]
            """
        ),
    ),
    (
        "is_palindrome",
        "keeps the case",
        dedent(
            """\
            def is_palindrome(text):
                kept = [c for c in text if c.isalnum()]
                return kept == kept[::-1]
            """
        ),
    ),
    (
        "slugify",
        "keeps accents as dashes",
        dedent(
            """\
            import re
            def slugify(title):
                return re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')
            """
        ),
    ),
    (
        "slugify",
        "leaves dashes at the ends",
        dedent(
            """\
            import re, unicodedata
            def slugify(title):
                t = unicodedata.normalize('NFKD', title).encode('ascii', 'ignore').decode()
                return re.sub(r'[^a-z0-9]+', '-', t.lower())
            """
        ),
    ),
    (
        "word_counts",
        "does not strip punctuation",
        dedent(
            """\
            from collections import Counter
            def word_counts(text):
                return Counter(text.lower().split())
            """
        ),
    ),
    (
        "word_counts",
        "counts empty words",
        dedent(
            """\
            import string
            def word_counts(text):
                out = {}
                for w in text.split():
                    w = w.strip(string.punctuation).lower()
                    out[w] = out.get(w, 0) + 1
                return out
            """
        ),
    ),
    (
        "chunk",
        "drops the short last chunk",
        dedent(
            """\
            def chunk(items, size):
                return [items[i:i + size] for i in range(0, len(items) - size + 1, size)]
            """
        ),
    ),
    (
        "chunk",
        "does not validate the size",
        dedent(
            """\
            def chunk(items, size):
                return [items[i:i + size] for i in range(0, len(items), max(size, 1))]
            """
        ),
    ),
    (
        "moving_average",
        "is off by one",
        dedent(
            """\
            def moving_average(values, window):
                return [sum(values[i:i + window]) / window for i in range(len(values) - window)]
            """
        ),
    ),
    (
        "moving_average",
        "includes partial windows",
        dedent(
            """\
            def moving_average(values, window):
                if window < 1:
                    raise ValueError(f'bad window {window}')
                windows = [values[i:i + window] for i in range(len(values))]
                return [sum(w) / len(w) for w in windows]
            """
        ),
    ),
    (
        "dedupe",
        "loses the order",
        dedent(
            """\
            def dedupe(items):
                return list(set(items))
            """
        ),
    ),
    (
        "dedupe",
        "keeps the last occurrence",
        dedent(
            """\
            def dedupe(items):
                return list(reversed(dict.fromkeys(reversed(items))))
            """
        ),
    ),
    (
        "jaccard",
        "counts repeats",
        dedent(
            """\
            def jaccard(a, b):
                a, b = list(a), list(b)
                if not a and not b:
                    return 1.0
                inter = [x for x in a if x in b]
                return len(inter) / (len(a) + len(b) - len(inter))
            """
        ),
    ),
    (
        "jaccard",
        "divides by zero on empty input",
        dedent(
            """\
            def jaccard(a, b):
                a, b = set(a), set(b)
                return len(a & b) / len(a | b)
            """
        ),
    ),
    (
        "deep_get",
        "uses `or default`",
        dedent(
            """\
            def deep_get(data, path, default=None):
                if not path:
                    return data
                node = data
                for key in path.split('.'):
                    node = node.get(key) if isinstance(node, dict) else None
                return node or default
            """
        ),
    ),
    (
        "deep_get",
        "crashes past a leaf",
        dedent(
            """\
            def deep_get(data, path, default=None):
                if not path:
                    return data
                node = data
                for key in path.split('.'):
                    if key not in node:
                        return default
                    node = node[key]
                return node
            """
        ),
    ),
    (
        "flatten",
        "opens one level only",
        dedent(
            """\
            def flatten(nested):
                out = []
                for x in nested:
                    out.extend(x) if isinstance(x, list) else out.append(x)
                return out
            """
        ),
    ),
    (
        "flatten",
        "opens strings and tuples too",
        dedent(
            """\
            def flatten(nested):
                out = []
                for x in nested:
                    if isinstance(x, (list, tuple)):
                        out.extend(flatten(list(x)))
                    else:
                        out.append(x)
                return out
            """
        ),
    ),
    (
        "flatten_dict",
        "flattens one level only",
        dedent(
            """\
            def flatten_dict(data, sep='.'):
                out = {}
                for k, v in data.items():
                    if isinstance(v, dict):
                        out.update({k + sep + k2: v2 for k2, v2 in v.items()})
                    else:
                        out[k] = v
                return out
            """
        ),
    ),
    (
        "flatten_dict",
        "ignores the separator",
        dedent(
            """\
            def flatten_dict(data, sep='.'):
                out = {}
                for k, v in data.items():
                    if isinstance(v, dict):
                        out.update({k + '.' + k2: v2 for k2, v2 in flatten_dict(v).items()})
                    else:
                        out[k] = v
                return out
            """
        ),
    ),
    (
        "BoundedQueue",
        "pops the newest item",
        dedent(
            """\
            class BoundedQueue(BoundedQueue):
                def pop(self):
                    if not self._items:
                        raise IndexError('empty')
                    return self._items.pop()
            """
        ),
    ),
    (
        "BoundedQueue",
        "shares items between queues",
        dedent(
            """\
            class BoundedQueue(BoundedQueue):
                shared = deque()
                def __init__(self, capacity):
                    super().__init__(capacity)
                    self._items = BoundedQueue.shared
            """
        ),
    ),
    (
        "BoundedQueue",
        "grows past its capacity",
        dedent(
            """\
            class BoundedQueue(BoundedQueue):
                def push(self, item):
                    self._items.append(item)
            """
        ),
    ),
    (
        "BoundedQueue",
        "accepts capacity 0",
        dedent(
            """\
            class BoundedQueue(BoundedQueue):
                def __init__(self, capacity):
                    self.capacity = capacity
                    self._items = deque()
            """
        ),
    ),
    (
        "parse_age",
        "lets int()'s message through",
        dedent(
            """\
            def parse_age(text):
                age = int(text)
                if not 0 <= age <= 150:
                    raise ValueError(f'age out of range (0-150): {age}')
                return age
            """
        ),
    ),
    (
        "parse_age",
        "does not check the range",
        dedent(
            """\
            def parse_age(text):
                try:
                    return int(text)
                except ValueError:
                    raise ValueError(f'not a whole number: {text!r}') from None
            """
        ),
    ),
    (
        "clean_lines",
        "hides a missing file",
        dedent(
            """\
            _real_clean_lines = clean_lines
            def clean_lines(src, dst):
                try:
                    return _real_clean_lines(src, dst)
                except FileNotFoundError:
                    return 0
            """
        ),
    ),
    (
        "clean_lines",
        "appends instead of replacing",
        dedent(
            """\
            def clean_lines(src, dst):
                lines = [s.strip() for s in Path(src).read_text(encoding='utf-8').splitlines()]
                kept = [s for s in lines if s and not s.startswith('#')]
                Path(dst).parent.mkdir(parents=True, exist_ok=True)
                with open(dst, 'a', encoding='utf-8') as f:
                    f.writelines(s + '\\n' for s in kept)
                return len(kept)
            """
        ),
    ),
    (
        "clean_lines",
        "keeps indented comments",
        dedent(
            """\
            def clean_lines(src, dst):
                lines = Path(src).read_text(encoding='utf-8').splitlines()
                kept = [s.strip() for s in lines if s.strip() and not s.startswith('#')]
                Path(dst).parent.mkdir(parents=True, exist_ok=True)
                Path(dst).write_text(''.join(s + '\\n' for s in kept), encoding='utf-8')
                return len(kept)
            """
        ),
    ),
    (
        "column_mean",
        "splits lines on commas",
        dedent(
            """\
            def column_mean(path, column):
                with open(path, encoding='utf-8') as f:
                    header = f.readline().strip().split(',')
                    if column not in header:
                        raise ValueError(f'no column {column!r}')
                    i = header.index(column)
                    nums = []
                    for line in f:
                        try:
                            nums.append(float(line.strip().split(',')[i]))
                        except (ValueError, IndexError):
                            pass
                if not nums:
                    raise ValueError(f'no numbers in {column!r}')
                return sum(nums) / len(nums)
            """
        ),
    ),
    (
        "column_mean",
        "averages NaN in",
        dedent(
            """\
            def column_mean(path, column):
                rows = list(csv.DictReader(Path(path).read_text(encoding='utf-8').splitlines()))
                if not rows or column not in rows[0]:
                    raise ValueError(f'no column {column!r}')
                nums = []
                for r in rows:
                    try:
                        nums.append(float(r[column]))
                    except (TypeError, ValueError):
                        pass
                if not nums:
                    raise ValueError(f'no numbers in {column!r}')
                return sum(nums) / len(nums)
            """
        ),
    ),
]


@pytest.mark.parametrize(
    ("kata", "code"),
    [pytest.param(kata, code, id=f"{kata}: {why}") for kata, why, code in WRONG],
)
def test_wrong_submission_fails_only_its_check(tmp_path: Path, kata: str, code: str) -> None:
    results = run_all(workdir(tmp_path, "solution", extra=code))
    err = results.pop(kata)
    assert isinstance(err, api.CheckFailed), f"expected CheckFailed, got {err!r}"
    message = str(err)
    assert "expected" in message or "should" in message or "return" in message, message
    assert "\n" not in message, "one line"
    assert results == dict.fromkeys(results), {k: v for k, v in results.items() if v}


def test_wrong_submissions_cover_every_kata() -> None:
    assert {kata for kata, _, _ in WRONG} == set(KATAS)


def test_a_failure_message_shows_call_expected_and_actual(tmp_path: Path) -> None:
    wrong = "def chunk(items, size):\n    return [items[i : i + size] for i in range(0, 4, size)]\n"
    results = run_all(workdir(tmp_path, "solution", extra=wrong))
    assert str(results["chunk"]) == (
        "chunk([1, 2, 3, 4, 5], 2) returned [[1, 2], [3, 4]], expected [[1, 2], [3, 4], [5]]."
    )


def test_a_crash_in_learner_code_is_not_hidden(tmp_path: Path) -> None:
    """Outside the error-handling katas, an unexpected exception reaches the harness (ERROR)."""
    wrong = "def slugify(title):\n    return title.lower().replace(' ', '-')[100]\n"
    results = run_all(workdir(tmp_path, "solution", extra=wrong))
    assert isinstance(results["slugify"], IndexError)
