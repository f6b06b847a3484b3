"""Mutation testing of the checks (`airoadmap.authoring.mutation`): the mutator, the keys,
the declared survivors, the kill rate, and a run on a tiny fixture exercise."""

from __future__ import annotations

import ast
import functools
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from airoadmap.authoring import mutation
from airoadmap.authoring.mutation import (
    Mutant,
    MutantResult,
    MutationReport,
    Survivor,
    enumerate_mutants,
    load_survivors,
    run_mutation,
    select,
)
from airoadmap.errors import ContentError, UnknownIdError

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "exercises" / "m01-mutants"

# One or more spots for every operator.
MODULE = '''"""A module the mutator works on."""

from __future__ import annotations

import numpy as np

__all__ = ["Model", "total"]

BLOCK = 1024


def total(values: list[float], scale: float = 2.0) -> float:
    """Sum, scaled."""
    if not values:
        raise ValueError("no values")
    result = 0.0
    for i in range(1, len(values)):
        result += values[i] * scale - values[i - 1]
    return -result if result < 0 and scale != 1 else result


class Model:
    def __init__(self, seed: int | None = None, flag: bool = True) -> None:
        self.seed = seed
        self.flag = flag

    def fit(self, X: np.ndarray) -> Model:
        assert X.ndim == 2, f"X has {X.ndim} dimensions"
        rng = np.random.default_rng(self.seed)
        self.mean_ = X.mean(axis=0) / np.maximum(X.shape[0], 1)
        self.pick_ = rng.permutation(X.shape[0])[: X.shape[0] // 2]
        self.low_ = X[1:-1] if self.flag or X.shape[0] > 2 else X
        return self
'''


@functools.cache
def module_mutants() -> list[Mutant]:
    return enumerate_mutants(MODULE, "model.py")


def by_operator(mutants: list[Mutant]) -> dict[str, list[Mutant]]:
    found: dict[str, list[Mutant]] = {}
    for m in mutants:
        found.setdefault(m.operator, []).append(m)
    return found


def descriptions(mutants: list[Mutant]) -> set[str]:
    return {m.description for m in mutants}


def test_every_operator_makes_mutants_that_compile() -> None:
    mutants = enumerate_mutants(MODULE, "model.py")
    found = by_operator(mutants)
    assert set(found) == set(mutation.OPERATORS)
    for m in mutants:
        compile(m.source, "model.py", "exec")
        assert m.source != MODULE
        assert m.key.startswith(f"model.py:{m.key.split(':')[1]}:{m.operator}:")
    assert len({m.source for m in mutants}) == len(mutants)
    assert [m.id for m in mutants] == list(range(1, len(mutants) + 1))


@pytest.mark.parametrize(
    ("operator", "description"),
    [
        ("arith", "`values[i] * scale - values[i - 1]` -> `values[i] * scale + values[i - 1]`"),
        ("arith", "`values[i] * scale` -> `values[i] / scale`"),
        (
            "arith",
            "`result += values[i] * scale - values[i - 1]` -> "
            "`result -= values[i] * scale - values[i - 1]`",
        ),
        ("drop-term", "`values[i] * scale - values[i - 1]` -> `values[i] * scale`"),
        ("drop-term", "`values[i] * scale` -> `values[i]`"),
        ("drop-term", "removed `result += values[i] * scale - values[i - 1]`"),
        ("compare", "`result < 0 and scale != 1` -> `result <= 0 and scale != 1`"),
        ("compare", "`result < 0 and scale != 1` -> `result < 0 and scale == 1`"),
        ("boolop", "`result < 0 and scale != 1` -> `result < 0 or scale != 1`"),
        ("not", "`not values` -> `values`"),
        ("negate-cond", "`result < 0 and scale != 1` -> `not (result < 0 and scale != 1)`"),
        (
            "unary-minus",
            "`-result if result < 0 and scale != 1 else result` -> "
            "`result if result < 0 and scale != 1 else result`",
        ),
        ("number", "`BLOCK = 1024` -> `BLOCK = 1025`"),
        ("number", "`scale=2.0` -> `scale=3.0`"),
        ("number", "`result = 0.0` -> `result = 1.0`"),
        ("number", "`range(1, len(values))` -> `range(0, len(values))`"),
        ("bool", "`flag=True` -> `flag=False`"),
        ("range", "`range(1, len(values))` -> `range(1, len(values) - 1)`"),
        ("range", "`range(1, len(values))` -> `range(2, len(values))`"),
        (
            "slice",
            "`rng.permutation(X.shape[0])[:X.shape[0] // 2]` -> "
            "`rng.permutation(X.shape[0])[:X.shape[0] // 2 + 1]`",
        ),
        (
            "slice",
            "`X[1:-1] if self.flag or X.shape[0] > 2 else X` -> "
            "`X[2:-1] if self.flag or X.shape[0] > 2 else X`",
        ),
        ("swap-args", "`np.maximum(X.shape[0], 1)` -> `np.maximum(1, X.shape[0])`"),
        (
            "drop-kwarg",
            "`X.mean(axis=0) / np.maximum(X.shape[0], 1)` -> "
            "`X.mean() / np.maximum(X.shape[0], 1)`",
        ),
        ("unseed", "`np.random.default_rng(self.seed)` -> `np.random.default_rng()`"),
        ("return-self", "`return self` -> `return None`"),
        ("no-raise", "removed `raise ValueError('no values')`"),
    ],
)
def test_the_mutator_makes_the_expected_mutants(operator: str, description: str) -> None:
    found = by_operator(module_mutants())
    assert description in descriptions(found[operator])


def test_annotations_docstrings_fstrings_and_all_are_left_alone() -> None:
    mutants = enumerate_mutants(MODULE, "model.py")
    tree_lines = MODULE.splitlines()
    untouched = {
        i + 1
        for i, line in enumerate(tree_lines)
        if line.startswith(("__all__", "from ", "import ", '"""')) or '"""Sum' in line
    }
    assert not [m for m in mutants if m.line in untouched]
    in_message = [m for m in mutants if "dimensions" in m.description]  # the assert's message
    assert [m.operator for m in in_message] == ["no-raise"]  # only the whole assert goes
    assert not [m for m in mutants if "int | None" in m.description]  # an annotation
    no_raise = [m for m in mutants if m.operator == "no-raise"]
    assert {m.line for m in no_raise} == {15, 28}  # the raise, the assert


def test_a_mutant_changes_only_its_spot() -> None:
    mutants = enumerate_mutants(MODULE, "model.py")
    target = next(m for m in mutants if m.description.endswith("`result <= 0 and scale != 1`"))
    old, new = MODULE.splitlines(), target.source.splitlines()
    assert len(old) == len(new)
    changed = [i + 1 for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    assert changed == [target.line]
    assert ast.unparse(ast.parse(target.source)) != ast.unparse(ast.parse(MODULE))


def test_enumeration_is_deterministic() -> None:
    first = enumerate_mutants(MODULE, "model.py")
    again = enumerate_mutants(MODULE, "model.py")
    assert [(m.key, m.line, m.description, m.source) for m in first] == [
        (m.key, m.line, m.description, m.source) for m in again
    ]
    assert len({m.key for m in first}) == len(first)


def test_keys_survive_an_unrelated_edit_above() -> None:
    before = enumerate_mutants(MODULE, "model.py")
    edited = MODULE.replace(
        "BLOCK = 1024\n", "BLOCK = 1024  # rows per block\n\n\ndef helper() -> int:\n    return 7\n"
    )
    after = enumerate_mutants(edited, "model.py")
    keys_after = {m.key: m for m in after}
    for m in before:
        assert m.key in keys_after, m.description
        moved = keys_after[m.key]
        assert moved.description == m.description
        assert moved.line == m.line + (4 if m.line > 9 else 0)
    assert len(after) == len(before) + 1  # helper's `return 7` -> `return 8`


def test_select_spreads_the_limit_over_the_file() -> None:
    mutants = enumerate_mutants(MODULE, "model.py")
    chosen = select(mutants, 5)
    assert len(chosen) == 5
    assert chosen[0] is mutants[0]
    assert chosen[-1].id > len(mutants) * 3 // 4
    assert select(mutants, None) == mutants
    assert select(mutants, 10_000) == mutants


def _report(statuses: list[str], declared: set[int]) -> MutationReport:
    mutants = [
        Mutant(i, f"m.py:f:number:{i}", "m.py", i, 0, "number", "", "")
        for i in range(len(statuses))
    ]
    return MutationReport(
        exercise_id="m01-x",
        files=["m.py"],
        total=len(mutants),
        results=[MutantResult(m, s) for m, s in zip(mutants, statuses, strict=True)],
        declared={m.key: Survivor(m.key, "harmless") for m in mutants if m.id in declared},
        baseline_s=0.1,
        timeout_s=1.0,
        elapsed_s=1.0,
        jobs=2,
    )


def test_the_kill_rate_leaves_out_declared_survivors_only() -> None:
    statuses = ["killed"] * 15 + ["import-crash", "timeout"] + ["survived"] * 3
    report = _report(statuses, declared={17, 18, 0})  # 0: declared, yet killed
    assert report.killed == 17
    assert [r.mutant.id for r in report.equivalent] == [17, 18]
    assert [r.mutant.id for r in report.unlisted] == [19]
    assert report.kill_rate == pytest.approx(17 / 18)
    assert not report.goal_met  # 94.4%
    assert report.declared_but_killed == ["m.py:f:number:0"]


def test_a_crash_kills_and_a_tool_error_counts_neither_way() -> None:
    report = _report(["killed"] * 18 + ["crashed", "error"], set())
    assert report.killed == 19
    assert [r.mutant.id for r in report.errors] == [19]
    assert report.kill_rate == 1.0
    assert not report.goal_met  # a mutant was not judged
    assert "Not judged (1: the tool failed, run again):" in mutation.report_lines(report)


def test_the_goal_is_95_percent_of_the_counted_mutants() -> None:
    assert _report(["killed"] * 19 + ["survived"], set()).goal_met  # 95.0%
    assert not _report(["killed"] * 18 + ["survived"] * 2 + ["killed"], set()).goal_met
    assert _report(["survived"], {0}).kill_rate is None


def test_survivors_load_from_mutation_toml(tmp_path: Path) -> None:
    found = load_survivors(TINY)
    assert list(found) == ["tiny.py:clamp:swap-args:224aba17"]
    assert "symmetric" in found["tiny.py:clamp:swap-args:224aba17"].why
    assert load_survivors(tmp_path) == {}
    bad = [
        ('[[survivor]]\nkey = "a"\n', "needs a why"),
        ('[[survivor]]\nwhy = "x"\n', "needs a key"),
        ('[[survivor]]\nkey = "a"\nwhy = "x"\nlines = 3\n', "unknown field 'lines'"),
        ('[[survivor]]\nkey = "a"\nwhy = "x"\n[[survivor]]\nkey = "a"\nwhy = "y"\n', "twice"),
        ("[survivors]\n", "unknown table or key 'survivors'"),
        ("key = \n", "not valid TOML"),
    ]
    for text, words in bad:
        (tmp_path / "mutation.toml").write_text(text)
        with pytest.raises(ContentError, match=words):
            load_survivors(tmp_path)


def test_an_unknown_exercise_is_one_clear_error() -> None:
    with pytest.raises(UnknownIdError, match="m01-mutants"):
        run_mutation("m01-mutantz", content=FIXTURES)


@pytest.mark.slow
def test_a_run_on_the_fixture_exercise_counts_every_kind_of_kill() -> None:
    report = run_mutation("m01-mutants", timeout_s=3.0, content=FIXTURES)
    by_description = {r.mutant.description: r for r in report.results}
    status = {d: r.status for d, r in by_description.items()}
    assert status["`FIVE = round(5.4, 0)` -> `FIVE = round(0, 5.4)`"] == "import-crash"
    assert status["`FIVE = round(5.4, 0)` -> `FIVE = round(5.4, 1)`"] == "killed"
    assert status["removed `n -= 1`"] == "timeout"
    assert status["`n -= 1` -> `n += 1`"] == "timeout"
    assert status["`n > 0` -> `n >= 0`"] == "killed"
    assert by_description["`n > 0` -> `n >= 0`"].check == "countdown_counts"
    assert status["removed `raise ValueError('low > high')`"] == "killed"
    survivors = sorted(r.mutant.description for r in report.survivors)
    assert survivors == [
        "`max(low, min(x, high))` -> `max(low, min(high, x))`",
        "`max(low, min(x, high))` -> `max(min(x, high), low)`",
    ]
    assert [r.mutant.key for r in report.equivalent] == ["tiny.py:clamp:swap-args:224aba17"]
    assert [r.mutant.key for r in report.unlisted] == ["tiny.py:clamp:swap-args:6f5c2094"]
    tested = len(report.results)
    assert tested == report.total == 16
    assert report.count("import-crash") == 1
    assert report.count("timeout") == 3
    assert report.killed == tested - 2
    assert report.kill_rate == pytest.approx((tested - 2) / (tested - 1))
    assert not report.goal_met
    lines = "\n".join(mutation.report_lines(report))
    assert 'key = "tiny.py:clamp:swap-args:6f5c2094"' in lines
    assert "224aba17" not in lines  # declared: not listed again
    data = report.to_json()
    assert data["declared_equivalent"] == 1 and data["unlisted_survivors"] == 1
    assert json.loads(json.dumps(data))["kill_rate"] == pytest.approx(report.kill_rate)


@pytest.mark.slow
def test_dev_mutate_prints_the_figures_and_fails_below_the_goal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from airoadmap.cli.app import app

    real = mutation.run_mutation

    def on_fixture(exercise: str, **kwargs: object) -> MutationReport:
        return real(exercise, content=FIXTURES, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mutation, "run_mutation", on_fixture)
    args = ["dev", "mutate", "m01-mutants", "--limit", "6", "--timeout", "3", "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output  # the six spread over the file are all killed
    data = json.loads(result.stdout)
    assert data["tested"] == 6 and data["mutants"] == 16 and data["limited"]
    assert data["kill_rate"] == 1.0 and data["goal_met"]
    assert [r["id"] for r in data["results"]] == [1, 3, 6, 9, 11, 14]
    result = CliRunner().invoke(app, ["dev", "mutate", "m01-mutants", "--timeout", "3"])
    assert result.exit_code == 1  # an unlisted survivor: 93.3%
    assert "Kill rate 93.3% (goal 95%: NOT met)" in result.stdout
    assert "tiny.py:10  `max(low, min(x, high))` -> `max(low, min(high, x))`" in result.stdout


def test_a_mutant_imports_its_sibling_modules_from_the_solution(tmp_path: Path) -> None:
    """A learner file that imports another (train.py: `import data`) imports beside the
    solution's other modules; a file in a subfolder (tests/test_x.py) gets its folder."""
    import sys

    from airoadmap.authoring.mutation.running import _import_crash

    solution = tmp_path / "solution"
    solution.mkdir()
    (solution / "data_for_mutant.py").write_text("VALUE = 1\n", encoding="utf-8")
    source = "import data_for_mutant\nassert data_for_mutant.VALUE == 1\n"
    alone = _import_crash("train.py", source, str(tmp_path))
    assert alone is not None and "ModuleNotFoundError" in alone
    assert _import_crash("train.py", source, str(tmp_path), solution) is None
    sys.modules.pop("data_for_mutant", None)
    assert _import_crash("tests/test_x.py", source, str(tmp_path), solution) is None
    sys.modules.pop("data_for_mutant", None)
