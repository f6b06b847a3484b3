"""m01-oop: the solution passes, the starter is not attempted, wrong code fails the right check.

The checks run in-process here (the sandboxed grader runs the same functions out of process).
Wrong submissions are the solution with one piece replaced (code appended to it); correct
alternatives, written differently, live in submissions/m01_oop/.
"""

from __future__ import annotations

import ast
import doctest
import inspect
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from textwrap import dedent

import pytest

from airoadmap.grading import api
from tests.content.m01_runner import InProcess, failures, load_module

EX = InProcess("m01-oop", "transformers")
ROOT = EX.root
SUBMISSIONS = Path(__file__).parent / "submissions" / "m01_oop"
CHECKS = [
    "hierarchy",
    "template",
    "StandardScaler",
    "MinMaxScaler",
    "feature_range",
    "super",
    "dunder",
    "from_params",
    "Pipeline",
]


@pytest.fixture(autouse=True)
def _no_bytecode(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Importing the content's own files must not leave __pycache__ in it."""
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    yield


def run(tmp_path: Path, source: Path, extra: str = "") -> dict[str, BaseException | None]:
    return EX.run_all(EX.workdir(tmp_path, source, dedent(extra)))


# -- the content fits together ------------------------------------------------------------------


def test_exercise_toml_is_valid_and_complete() -> None:
    ex = EX.exercise()
    assert ex.id == "m01-oop" and ex.month == 1
    assert ex.files == ["transformers.py"] and ex.checks == "checks.py"
    assert ex.limits.timeout_s <= 10
    assert sorted(h.key for h in ex.hints) == sorted([*CHECKS, "general"])
    for group in ex.hints:
        assert len(group.tiers) == 3, f"{group.key}: a nudge, the approach, nearly the code"
        assert all(t.strip() for t in group.tiers)
    assert "airoadmap check m01-oop" in (ROOT / "brief.md").read_text(encoding="utf-8")


def test_one_check_per_part_each_with_its_hints() -> None:
    specs = EX.load_checks()
    assert [s.hint for s in specs] == CHECKS
    assert len({s.name for s in specs}) == len(specs)


def test_starter_and_solution_share_the_same_contract() -> None:
    starter = load_module(EX.starter(), "m01_oop_starter")
    solution = load_module(EX.solution(), "m01_oop_solution")
    names = ["NotFittedError", "as_rows", "Transformer", "StandardScaler", "MinMaxScaler"]
    for name in [*names, "Pipeline"]:
        mine, ref = getattr(starter, name), getattr(solution, name)
        assert inspect.getdoc(mine) == inspect.getdoc(ref), name
        if inspect.isclass(ref):
            assert [b.__name__ for b in mine.__mro__] == [b.__name__ for b in ref.__mro__], name
            for attr, value in vars(ref).items():
                if callable(value) or isinstance(value, property | classmethod):
                    assert attr in vars(mine), f"{name}.{attr} is missing from the starter"
                    got, want = getattr(mine, attr), getattr(ref, attr)
                    if inspect.isfunction(want) or inspect.ismethod(want):
                        assert inspect.signature(got) == inspect.signature(want), attr
    assert inspect.getsource(starter.as_rows) == inspect.getsource(solution.as_rows)


def test_every_starter_body_is_a_todo() -> None:
    source = EX.starter().read_text(encoding="utf-8")
    lines = source.splitlines()
    given = {"as_rows", "get_params", "_fit", "_transform"}  # the helper; abstract in the base
    todo = 0
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef):
            continue
        body = [
            s
            for s in node.body
            if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
        ]
        abstract = any(getattr(d, "id", None) == "abstractmethod" for d in node.decorator_list)
        if node.name == "as_rows" or abstract:
            assert node.name in given
            continue
        assert len(body) == 1 and isinstance(body[0], ast.Raise), node.name
        comment = next(i for i in range(body[0].lineno - 2, 0, -1) if "# TODO:" in lines[i])
        assert body[0].lineno - 2 - comment <= 3, f"{node.name}: the TODO sits above the raise"
        todo += 1
    assert todo == 22


def test_solution_examples_run() -> None:
    module = load_module(EX.solution(), "m01_oop_doctest")
    result = doctest.testmod(module)
    assert result.attempted >= 5 and result.failed == 0


# -- the solution passes, the starter is not attempted ------------------------------------------


def test_solution_passes_every_check_quickly(tmp_path: Path) -> None:
    start = time.perf_counter()
    results = run(tmp_path, EX.solution())
    elapsed = time.perf_counter() - start
    assert failures(results) == {}
    assert set(results) == set(CHECKS)
    assert elapsed < 3.0  # the sandbox allows 10 s; it takes a few milliseconds


def test_starter_reads_not_attempted_everywhere(tmp_path: Path) -> None:
    results = run(tmp_path, EX.starter())
    for key, err in results.items():
        assert type(err) is NotImplementedError, f"{key}: {err!r}"


@pytest.mark.parametrize("source", sorted(SUBMISSIONS.glob("alt_*.py")), ids=lambda p: p.stem)
def test_correct_alternative_passes(tmp_path: Path, source: Path) -> None:
    assert failures(run(tmp_path, source)) == {}


def test_there_are_correct_alternatives() -> None:
    assert len(list(SUBMISSIONS.glob("alt_*.py"))) >= 2


# -- wrong submissions fail the right checks, with a message that teaches ------------------------

# (what is wrong, the check that must fail, other checks it also breaks, code appended to the
# solution). The others may fail (CheckFailed) or crash (the bug raises in the learner's code).
WRONG: list[tuple[str, str, set[str], str]] = [
    (
        "transform does not check is_fitted",
        "template",
        {"Pipeline"},
        """
        def transform(self, rows):
            return self._transform(as_rows(rows))
        Transformer.transform = transform
        """,
    ),
    (
        "fit returns None",
        "template",
        {"MinMaxScaler", "Pipeline", "StandardScaler", "dunder", "feature_range", "super"},
        """
        def fit(self, rows):
            table = as_rows(rows)
            self._fit(table)
            self.n_features_in_ = len(table[0])
        Transformer.fit = fit
        """,
    ),
    (
        "fit marks the transformer fitted before _fit",
        "template",
        set(),
        """
        def fit(self, rows):
            table = as_rows(rows)
            self.n_features_in_ = len(table[0])
            self._fit(table)
            return self
        Transformer.fit = fit
        """,
    ),
    (
        "transform does not check the width",
        "template",
        set(),
        """
        def transform(self, rows):
            if not self.is_fitted:
                raise NotFittedError("call fit first")
            return self._transform(as_rows(rows))
        Transformer.transform = transform
        """,
    ),
    (
        "fit does not copy the rows with as_rows",
        "template",
        set(),
        """
        def fit(self, rows):
            self._fit(rows)
            self.n_features_in_ = len(rows[0])
            return self
        Transformer.fit = fit
        """,
    ),
    (
        "StandardScaler forgets super().__init__()",
        "hierarchy",
        set(),
        """
        def __init__(self, *, with_mean=True):
            self.with_mean = with_mean
        StandardScaler.__init__ = __init__
        """,
    ),
    (
        "is_fitted is a method, not a property",
        "hierarchy",
        {"Pipeline", "super", "template"},
        """
        Transformer.is_fitted = lambda self: self.n_features_in_ is not None
        """,
    ),
    (
        "StandardScaler repeats fit in itself",
        "hierarchy",
        set(),
        """
        def fit(self, rows):
            table = as_rows(rows)
            self._fit(table)
            self.n_features_in_ = len(table[0])
            return self
        StandardScaler.fit = fit
        """,
    ),
    (
        "Transformer is not abstract",
        "hierarchy",
        set(),
        """
        Transformer.__abstractmethods__ = frozenset()
        """,
    ),
    (
        "StandardScaler uses the sample standard deviation",
        "StandardScaler",
        {"super"},
        """
        def _fit(self, rows):
            columns = list(zip(*rows))
            self.mean_ = [statistics.fmean(c) for c in columns]
            self.scale_ = [statistics.stdev(c) or 1.0 for c in columns]
        StandardScaler._fit = _fit
        """,
    ),
    (
        "StandardScaler divides by zero on a constant column",
        "StandardScaler",
        {"Pipeline", "super"},
        """
        def _fit(self, rows):
            columns = list(zip(*rows))
            self.mean_ = [statistics.fmean(c) for c in columns]
            self.scale_ = [statistics.pstdev(c) for c in columns]
        StandardScaler._fit = _fit
        """,
    ),
    (
        "StandardScaler uses the new rows' own mean",
        "StandardScaler",
        {"Pipeline", "super"},
        """
        def _transform(self, rows):
            mean = [statistics.fmean(c) for c in zip(*rows)]
            return [[(x - m) / s for x, m, s in zip(row, mean, self.scale_)] for row in rows]
        StandardScaler._transform = _transform
        """,
    ),
    (
        "StandardScaler ignores with_mean",
        "StandardScaler",
        {"super"},
        """
        def _transform(self, rows):
            return [[(x - m) / s for x, m, s in zip(r, self.mean_, self.scale_)] for r in rows]
        StandardScaler._transform = _transform
        """,
    ),
    (
        "MinMaxScaler ignores feature_range",
        "MinMaxScaler",
        {"Pipeline", "feature_range", "super"},
        """
        def _transform(self, rows):
            return [
                [(x - lo) / (hi - lo) if hi > lo else 0.0
                 for x, lo, hi in zip(row, self.data_min_, self.data_max_)]
                for row in rows
            ]
        MinMaxScaler._transform = _transform
        """,
    ),
    (
        "MinMaxScaler clips new values",
        "MinMaxScaler",
        {"Pipeline"},
        """
        _unclipped = MinMaxScaler._transform
        def _transform(self, rows):
            low, high = self.feature_range
            return [[min(max(x, low), high) for x in row] for row in _unclipped(self, rows)]
        MinMaxScaler._transform = _transform
        """,
    ),
    (
        "MinMaxScaler divides by zero on a constant column",
        "MinMaxScaler",
        {"Pipeline"},
        """
        def _transform(self, rows):
            low, high = self.feature_range
            return [
                [low + (x - lo) / (hi - lo) * (high - low)
                 for x, lo, hi in zip(row, self.data_min_, self.data_max_)]
                for row in rows
            ]
        MinMaxScaler._transform = _transform
        """,
    ),
    (
        "the feature_range setter does not validate",
        "feature_range",
        set(),
        """
        def _set(self, value):
            low, high = value
            self._feature_range = (float(low), float(high))
        MinMaxScaler.feature_range = MinMaxScaler.feature_range.setter(_set)
        """,
    ),
    (
        "feature_range is validated in __init__ only",
        "feature_range",
        set(),
        """
        del MinMaxScaler.feature_range
        def __init__(self, feature_range=(0.0, 1.0)):
            Transformer.__init__(self)
            low, high = (float(v) for v in feature_range)
            if not (math.isfinite(low) and math.isfinite(high) and low < high):
                raise ValueError(f"bad feature_range {feature_range!r}")
            self.feature_range = (low, high)
        MinMaxScaler.__init__ = __init__
        """,
    ),
    (
        "feature_range is stored as given (a list)",
        "feature_range",
        {"dunder", "from_params"},
        """
        _validate = MinMaxScaler.feature_range.fset
        def _set(self, value):
            _validate(self, value)
            self._feature_range = value
        MinMaxScaler.feature_range = MinMaxScaler.feature_range.setter(_set)
        """,
    ),
    (
        "each subclass hard-codes its own repr",
        "super",
        set(),
        """
        StandardScaler.__repr__ = lambda self: f"StandardScaler(with_mean={self.with_mean!r})"
        MinMaxScaler.__repr__ = lambda self: f"MinMaxScaler(feature_range={self.feature_range!r})"
        """,
    ),
    (
        "transform calls StandardScaler's own _transform",
        "super",
        {"hierarchy"},
        """
        _base_transform = Transformer.transform
        def transform(self, rows):
            if isinstance(self, StandardScaler):
                return StandardScaler._transform(self, as_rows(rows))
            return _base_transform(self, rows)
        StandardScaler.transform = transform
        """,
    ),
    (
        "__eq__ is identity",
        "dunder",
        set(),
        """
        del Transformer.__eq__
        """,
    ),
    (
        "__eq__ crashes on other types",
        "dunder",
        set(),
        """
        Transformer.__eq__ = lambda self, other: vars(self) == vars(other)
        """,
    ),
    (
        "__eq__ compares parameters only",
        "dunder",
        set(),
        """
        def __eq__(self, other):
            if type(other) is not type(self):
                return NotImplemented
            return self.get_params() == other.get_params()
        Transformer.__eq__ = __eq__
        """,
    ),
    (
        "__eq__ returns False instead of NotImplemented",
        "dunder",
        set(),
        """
        Transformer.__eq__ = lambda self, o: type(o) is type(self) and vars(self) == vars(o)
        """,
    ),
    (
        "__repr__ shows vars() instead of the parameters",
        "dunder",
        {"super"},
        """
        Transformer.__repr__ = lambda self: f"{type(self).__name__}({vars(self)})"
        """,
    ),
    (
        "from_params always builds a StandardScaler",
        "from_params",
        set(),
        """
        Transformer.from_params = classmethod(lambda cls, params: StandardScaler(**params))
        """,
    ),
    (
        "from_params lets TypeError through",
        "from_params",
        set(),
        """
        Transformer.from_params = classmethod(lambda cls, params: cls(**params))
        """,
    ),
    (
        "from_params drops unknown keys silently",
        "from_params",
        set(),
        """
        def from_params(cls, params):
            accepted = inspect.signature(cls).parameters
            return cls(**{k: v for k, v in params.items() if k in accepted})
        Transformer.from_params = classmethod(from_params)
        """,
    ),
    (
        "Pipeline refits its steps in transform (a leak)",
        "Pipeline",
        set(),
        """
        def _transform(self, rows):
            for step in self.steps:
                rows = step.fit_transform(rows)
            return rows
        Pipeline._transform = _transform
        """,
    ),
    (
        "Pipeline fits every step on the raw rows",
        "Pipeline",
        set(),
        """
        def _fit(self, rows):
            for step in self.steps:
                step.fit(rows)
        Pipeline._fit = _fit
        """,
    ),
    (
        "Pipeline accepts anything as a step",
        "Pipeline",
        set(),
        """
        def __init__(self, steps):
            Transformer.__init__(self)
            if not steps:
                raise ValueError("no steps")
            self.steps = list(steps)
        Pipeline.__init__ = __init__
        """,
    ),
    (
        "Pipeline keeps the caller's list",
        "Pipeline",
        set(),
        """
        _checked_init = Pipeline.__init__
        def __init__(self, steps):
            _checked_init(self, steps)
            self.steps = steps
        Pipeline.__init__ = __init__
        """,
    ),
    (
        "Pipeline accepts no steps",
        "Pipeline",
        set(),
        """
        def __init__(self, steps):
            Transformer.__init__(self)
            self.steps = list(steps)
            for i, step in enumerate(self.steps):
                if not isinstance(step, Transformer):
                    raise TypeError(f"step {i} is not a Transformer")
        Pipeline.__init__ = __init__
        """,
    ),
]


@pytest.mark.parametrize(
    ("primary", "others", "code"),
    [pytest.param(primary, others, code, id=why) for why, primary, others, code in WRONG],
)
def test_wrong_submission_fails_its_checks(
    tmp_path: Path, primary: str, others: set[str], code: str
) -> None:
    results = run(tmp_path, EX.solution(), code)
    failed = {key for key, err in results.items() if err is not None}
    assert failed == {primary, *others}, failures(results)
    err = results[primary]
    # The check aimed at the bug says what is wrong, in one line.
    assert isinstance(err, api.CheckFailed), f"{primary}: {err!r}"
    assert str(err) and "\n" not in str(err), f"{primary}: {err}"
    # A bug never reads as "not attempted".
    assert not any(isinstance(e, NotImplementedError) for e in results.values())


def test_wrong_submissions_cover_every_check() -> None:
    assert {primary for _, primary, _, _ in WRONG} == set(CHECKS)


CODE = {why: code for why, _, _, code in WRONG}


@pytest.mark.parametrize(
    ("why", "key", "phrase"),
    [
        ("fit returns None", "template", "return self"),
        ("StandardScaler forgets super().__init__()", "hierarchy", "super().__init__()"),
        ("StandardScaler uses the sample standard deviation", "StandardScaler", "divide by n"),
        ("StandardScaler divides by zero on a constant column", "StandardScaler", "constant"),
        ("feature_range is validated in __init__ only", "feature_range", "setter"),
        ("__eq__ is identity", "dunder", "same class"),
        ("from_params always builds a StandardScaler", "from_params", "cls(**params)"),
        ("Pipeline refits its steps in transform (a leak)", "Pipeline", "leaks"),
    ],
)
def test_messages_name_the_mistake(tmp_path: Path, why: str, key: str, phrase: str) -> None:
    results = run(tmp_path, EX.solution(), CODE[why])
    assert phrase in str(results[key]), str(results[key])


def test_checks_leave_the_working_copy_clean(tmp_path: Path) -> None:
    work = EX.workdir(tmp_path, EX.solution())
    EX.run_all(work)
    assert sorted(p.name for p in work.iterdir()) == ["transformers.py"]


def test_solution_errors_say_what_to_do() -> None:
    t = load_module(EX.solution(), "m01_oop_errors")
    with pytest.raises(t.NotFittedError, match=r"StandardScaler is not fitted yet: call fit"):
        t.StandardScaler().transform([[1.0]])
    with pytest.raises(ValueError, match="rows have 1 columns, but this MinMaxScaler was fitted"):
        t.MinMaxScaler().fit([[1.0, 2.0]]).transform([[1.0]])
    with pytest.raises(ValueError, match="row 1 has 1 values, but row 0 has 2"):
        t.StandardScaler().fit([[1.0, 2.0], [3.0]])
    with pytest.raises(TypeError, match=r"write StandardScaler\(\)"):
        t.Pipeline([t.StandardScaler])
    with pytest.raises(ValueError, match="has no parameter 'steps_'"):
        t.Pipeline.from_params({"steps_": []})
    with pytest.raises(TypeError, match="unhashable"):
        hash(t.StandardScaler())
