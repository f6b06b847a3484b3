"""m01-errors-files: the solution passes, the starter is not attempted, wrong code fails.

Wrong submissions are the solution with one piece replaced (code appended to it); correct
alternatives, written differently, live in submissions/m01_errors_files/.
"""

from __future__ import annotations

import ast
import doctest
import inspect
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from textwrap import dedent

import pytest

from airoadmap.grading import api
from tests.content.m01_runner import InProcess, failures, load_module

EX = InProcess("m01-errors-files", "records")
SUBMISSIONS = Path(__file__).parent / "submissions" / "m01_errors_files"
CHECKS = [
    "exceptions",
    "validate_config",
    "load_config",
    "raise_from",
    "read_jsonl",
    "with",
    "atomic",
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
    assert ex.id == "m01-errors-files" and ex.month == 1
    assert ex.files == ["records.py"] and ex.checks == "checks.py"
    assert ex.limits.timeout_s <= 10
    assert sorted(h.key for h in ex.hints) == sorted([*CHECKS, "general"])
    for group in ex.hints:
        assert len(group.tiers) == 3, f"{group.key}: a nudge, the approach, nearly the code"
    assert "airoadmap check m01-errors-files" in (EX.root / "brief.md").read_text("utf-8")


def test_one_check_per_part_each_with_its_hints() -> None:
    specs = EX.load_checks()
    assert [s.hint for s in specs] == CHECKS
    assert len({s.name for s in specs}) == len(specs)


def test_starter_and_solution_share_the_same_contract() -> None:
    starter = load_module(EX.starter(), "m01_records_starter")
    solution = load_module(EX.solution(), "m01_records_solution")
    public = [n for n in vars(solution) if not n.startswith("_") and n not in ("annotations",)]
    for name in public:
        ref = getattr(solution, name)
        if inspect.ismodule(ref) or getattr(ref, "__module__", solution.__name__) not in (
            solution.__name__,
            None,
        ):
            continue  # imported names
        assert hasattr(starter, name), f"{name} is missing from the starter"
        mine = getattr(starter, name)
        if inspect.isfunction(ref) or inspect.isclass(ref):
            assert inspect.getdoc(mine) == inspect.getdoc(ref), name
        if inspect.isfunction(ref):
            assert inspect.signature(mine) == inspect.signature(ref), name
        if inspect.isclass(ref) and "__init__" in vars(ref):
            assert inspect.signature(mine.__init__) == inspect.signature(ref.__init__), name
    assert starter.REQUIRED == solution.REQUIRED and starter.DEFAULTS == solution.DEFAULTS


def test_every_starter_body_is_a_todo() -> None:
    source = EX.starter().read_text(encoding="utf-8")
    lines = source.splitlines()
    todo = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef):
            body = [
                s
                for s in node.body
                if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
            ]
            assert len(body) == 1 and isinstance(body[0], ast.Raise), node.name
            above = lines[body[0].lineno - 4 : body[0].lineno - 1]
            assert any("# TODO:" in line for line in above), node.name
            todo.append(node.name)
    assert len(todo) == 7


def test_solution_examples_run() -> None:
    result = doctest.testmod(load_module(EX.solution(), "m01_records_doctest"))
    assert result.attempted >= 4 and result.failed == 0


# -- the solution passes, the starter is not attempted ------------------------------------------


def test_solution_passes_every_check_quickly(tmp_path: Path) -> None:
    start = time.perf_counter()
    results = run(tmp_path, EX.solution())
    elapsed = time.perf_counter() - start
    assert failures(results) == {}
    assert set(results) == set(CHECKS)
    assert elapsed < 3.0  # the sandbox allows 10 s; it takes about 0.2 s


def test_starter_reads_not_attempted_everywhere(tmp_path: Path) -> None:
    results = run(tmp_path, EX.starter())
    for key, err in results.items():
        assert type(err) is NotImplementedError, f"{key}: {err!r}"


@pytest.mark.parametrize("source", sorted(SUBMISSIONS.glob("alt_*.py")), ids=lambda p: p.stem)
def test_correct_alternative_passes(tmp_path: Path, source: Path) -> None:
    assert failures(run(tmp_path, source)) == {}


def test_there_are_correct_alternatives() -> None:
    assert len(list(SUBMISSIONS.glob("alt_*.py"))) >= 2


def test_checks_leave_the_working_copy_clean(tmp_path: Path) -> None:
    work = EX.workdir(tmp_path, EX.solution())
    EX.run_all(work)
    assert sorted(p.name for p in work.iterdir()) == ["records.py"]


# -- wrong submissions fail the right checks, with a message that teaches ------------------------

# (what is wrong, the check that must fail, other checks it also breaks, code appended to the
# solution). The others may fail (CheckFailed) or crash (the bug raises in the learner's code).
WRONG: list[tuple[str, str, set[str], str]] = [
    (
        "MissingKeyError does not call super().__init__",
        "exceptions",
        set(),
        """
        def _init(self, key):
            self.key = key
        MissingKeyError.__init__ = _init
        """,
    ),
    (
        "InvalidValueError shows the value without repr",
        "exceptions",
        set(),
        """
        def _init(self, key, value, expected):
            ValueError.__init__(self, f"{key} must be {expected}, got {value}")
            self.key, self.value = key, value
        InvalidValueError.__init__ = _init
        """,
    ),
    (
        "ConfigSyntaxError keeps the path as a str",
        "exceptions",
        set(),
        """
        _init = ConfigSyntaxError.__init__
        def _str_path(self, path, line, detail):
            _init(self, path, line, detail)
            self.path = str(path)
        ConfigSyntaxError.__init__ = _str_path
        """,
    ),
    (
        "epochs accepts True",
        "validate_config",
        set(),
        """
        _is_int = lambda value: isinstance(value, int)
        """,
    ),
    (
        "validate_config fills the defaults into the caller's dict",
        "validate_config",
        set(),
        """
        _validate = validate_config
        def validate_config(raw):
            for key, default in DEFAULTS.items():
                raw.setdefault(key, default)
            return _validate(raw)
        """,
    ),
    (
        "validate_config ignores unknown keys",
        "validate_config",
        set(),
        """
        _validate = validate_config
        def validate_config(raw):
            known = set(REQUIRED) | set(DEFAULTS)
            return _validate({k: v for k, v in raw.items() if k in known})
        """,
    ),
    (
        "learning_rate accepts infinity",
        "validate_config",
        set(),
        """
        _validate = validate_config
        def validate_config(raw):
            if raw.get("learning_rate") == math.inf:
                return {**DEFAULTS, **raw}
            return _validate(raw)
        """,
    ),
    (
        "learning_rate stays an int",
        "validate_config",
        set(),
        """
        _validate = validate_config
        def validate_config(raw):
            config = _validate(raw)
            config["learning_rate"] = raw["learning_rate"]
            return config
        """,
    ),
    (
        "load_config wraps validation errors in a plain ConfigError",
        "load_config",
        set(),
        """
        _load = load_config
        def load_config(path):
            try:
                return _load(path)
            except (MissingKeyError, InvalidValueError) as err:
                raise ConfigError(str(err)) from err
        """,
    ),
    (
        "load_config does not check the top-level type",
        "load_config",
        set(),
        """
        def load_config(path):
            path = Path(path)
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
            except OSError as err:
                raise ConfigError(f"cannot read {path}") from err
            except UnicodeDecodeError as err:
                raise ConfigError(f"{path} is not UTF-8") from err
            except json.JSONDecodeError as err:
                raise ConfigSyntaxError(path, err.lineno, err.msg) from err
            return validate_config(raw)
        """,
    ),
    (
        "raise without from",
        "raise_from",
        set(),
        """
        def load_config(path):
            path = Path(path)
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as err:
                raise ConfigError(f"cannot read config file {path}")
            except UnicodeDecodeError as err:
                raise ConfigError(f"{path} is not UTF-8")
            try:
                raw = json.loads(text)
            except json.JSONDecodeError as err:
                raise ConfigSyntaxError(path, err.lineno, err.msg)
            if not isinstance(raw, dict):
                raise ConfigError(f"{path}: expected a JSON object")
            return validate_config(raw)
        """,
    ),
    (
        "raise from None",
        "raise_from",
        set(),
        """
        def load_config(path):
            path = Path(path)
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as err:
                raise ConfigError(f"cannot read config file {path}") from None
            except UnicodeDecodeError as err:
                raise ConfigError(f"{path} is not UTF-8") from None
            try:
                raw = json.loads(text)
            except json.JSONDecodeError as err:
                raise ConfigSyntaxError(path, err.lineno, err.msg) from None
            if not isinstance(raw, dict):
                raise ConfigError(f"{path}: expected a JSON object")
            return validate_config(raw)
        """,
    ),
    (
        "catches FileNotFoundError only",
        "raise_from",
        set(),
        """
        def load_config(path):
            path = Path(path)
            try:
                text = path.read_text(encoding="utf-8")
            except FileNotFoundError as err:
                raise ConfigError(f"cannot read config file {path}") from err
            except UnicodeDecodeError as err:
                raise ConfigError(f"{path} is not UTF-8") from err
            try:
                raw = json.loads(text)
            except json.JSONDecodeError as err:
                raise ConfigSyntaxError(path, err.lineno, err.msg) from err
            if not isinstance(raw, dict):
                raise ConfigError(f"{path}: expected a JSON object")
            return validate_config(raw)
        """,
    ),
    (
        "gives the character position, not the line",
        "raise_from",
        set(),
        """
        def load_config(path):
            path = Path(path)
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as err:
                raise ConfigError(f"cannot read config file {path}") from err
            try:
                raw = json.loads(text)
            except json.JSONDecodeError as err:
                raise ConfigSyntaxError(path, err.pos, err.msg) from err
            if not isinstance(raw, dict):
                raise ConfigError(f"{path}: expected a JSON object")
            return validate_config(raw)
        """,
    ),
    (
        "lets UnicodeDecodeError through",
        "raise_from",
        set(),
        """
        def load_config(path):
            path = Path(path)
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as err:
                raise ConfigError(f"cannot read config file {path}") from err
            try:
                raw = json.loads(text)
            except json.JSONDecodeError as err:
                raise ConfigSyntaxError(path, err.lineno, err.msg) from err
            if not isinstance(raw, dict):
                raise ConfigError(f"{path}: expected a JSON object")
            return validate_config(raw)
        """,
    ),
    (
        "read_jsonl stops at the first bad line",
        "read_jsonl",
        set(),
        """
        def read_jsonl(path):
            with open(path, encoding="utf-8") as f:
                lines = [(n, line) for n, line in enumerate(f, 1) if line.strip()]
            return [json.loads(line) for _, line in lines], []
        """,
    ),
    (
        "read_jsonl counts lines from 0",
        "read_jsonl",
        set(),
        """
        _read = read_jsonl
        def read_jsonl(path):
            records, bad = _read(path)
            return records, [n - 1 for n in bad]
        """,
    ),
    (
        "read_jsonl numbers the non-blank lines only",
        "read_jsonl",
        set(),
        """
        def read_jsonl(path):
            with open(path, encoding="utf-8") as f:
                lines = [line for line in f if line.strip()]
            records, bad = [], []
            for n, line in enumerate(lines, 1):
                try:
                    value = json.loads(line)
                except json.JSONDecodeError:
                    bad.append(n)
                else:
                    (records.append(value) if isinstance(value, dict) else bad.append(n))
            return records, bad
        """,
    ),
    (
        "read_jsonl keeps JSON that is not an object",
        "read_jsonl",
        set(),
        """
        def read_jsonl(path):
            records, bad = [], []
            with open(path, encoding="utf-8") as f:
                for n, line in enumerate(f, 1):
                    if line.strip():
                        try:
                            records.append(json.loads(line))
                        except json.JSONDecodeError:
                            bad.append(n)
            return records, bad
        """,
    ),
    (
        "read_jsonl hides a missing file",
        "read_jsonl",
        set(),
        """
        _read = read_jsonl
        def read_jsonl(path):
            try:
                return _read(path)
            except FileNotFoundError:
                return [], []
        """,
    ),
    (
        "read_jsonl reports blank lines as bad",
        "read_jsonl",
        set(),
        """
        def read_jsonl(path):
            records, bad = [], []
            with open(path, encoding="utf-8") as f:
                for n, line in enumerate(f, 1):
                    try:
                        value = json.loads(line)
                    except json.JSONDecodeError:
                        bad.append(n)
                    else:
                        (records.append(value) if isinstance(value, dict) else bad.append(n))
            return records, bad
        """,
    ),
    (
        "read_jsonl never closes its file",
        "with",
        set(),
        """
        _read = read_jsonl
        _leaked = []
        def read_jsonl(path):
            f = open(path, encoding="utf-8")
            f.readline()
            return _read(path)
        """,
    ),
    (
        "write_json_atomic leaves the temporary file open when json fails",
        "with",
        set(),
        """
        import secrets
        def write_json_atomic(path, data):
            target = Path(path)
            temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
            try:
                file = open(temporary, "x", encoding="utf-8")
                json.dump(data, file)
                file.close()
                os.replace(temporary, target)
            finally:
                temporary.unlink(missing_ok=True)
        """,
    ),
    (
        "write_json_atomic writes in place",
        "atomic",
        set(),
        """
        def write_json_atomic(path, data):
            Path(path).write_text(json.dumps(data, indent=2), encoding="utf-8")
        """,
    ),
    (
        "write_json_atomic streams into the target",
        "atomic",
        set(),
        """
        def write_json_atomic(path, data):
            with open(path, "w", encoding="utf-8") as f:
                json.dump(data, f, indent=2)
        """,
    ),
    (
        "write_json_atomic leaves the temporary file behind",
        "atomic",
        set(),
        """
        def write_json_atomic(path, data):
            target = Path(path)
            temporary = target.with_name(target.name + ".tmp")
            with open(temporary, "w", encoding="utf-8") as file:
                json.dump(data, file)
            os.replace(temporary, target)
        """,
    ),
    (
        "write_json_atomic swallows the error",
        "atomic",
        set(),
        """
        _write = write_json_atomic
        def write_json_atomic(path, data):
            try:
                _write(path, data)
            except TypeError:
                pass
        """,
    ),
]

CODE = {why: code for why, _, _, code in WRONG}


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
    assert isinstance(err, api.CheckFailed), f"{primary}: {err!r}"
    assert str(err) and "\n" not in str(err), f"{primary}: {err}"
    assert not any(isinstance(e, NotImplementedError) for e in results.values())


def test_wrong_submissions_cover_every_check() -> None:
    assert {primary for _, primary, _, _ in WRONG} == set(CHECKS)


@pytest.mark.parametrize(
    ("why", "key", "phrase"),
    [
        ("epochs accepts True", "validate_config", "True is an int"),
        ("raise without from", "raise_from", "from err"),
        ("raise from None", "raise_from", "from None"),
        ("catches FileNotFoundError only", "raise_from", "catch OSError"),
        ("read_jsonl stops at the first bad line", "read_jsonl", "inside the loop"),
        ("read_jsonl never closes its file", "with", "with"),
        ("write_json_atomic writes in place", "atomic", "os.replace"),
        ("write_json_atomic leaves the temporary file behind", "atomic", "finally"),
    ],
)
def test_messages_name_the_mistake(tmp_path: Path, why: str, key: str, phrase: str) -> None:
    results = run(tmp_path, EX.solution(), CODE[why])
    assert phrase in str(results[key]), str(results[key])


# -- the reference solution beyond the checks -------------------------------------------------


def test_solution_messages_read_well(tmp_path: Path) -> None:
    r = load_module(EX.solution(), "m01_records_messages")
    path = tmp_path / "run.json"
    path.write_text('{"data": "a.csv",\n "epochs": 5\n "learning_rate": 0.1}', encoding="utf-8")
    with pytest.raises(r.ConfigSyntaxError, match=r"run\.json, line 3: Expecting ',' delimiter"):
        r.load_config(path)
    with pytest.raises(r.ConfigError, match=r"cannot read config file .*: No such file"):
        r.load_config(tmp_path / "nope.json")
    with pytest.raises(r.ConfigError, match=r"unknown key\(s\) 'lr' \(known: batch_size, "):
        r.validate_config({"lr": 0.1})
    with pytest.raises(r.InvalidValueError, match="learning_rate must be a finite number > 0"):
        r.validate_config({"data": "a", "epochs": 1, "learning_rate": "0.1"})


def test_solution_write_keeps_the_usual_file_mode(tmp_path: Path) -> None:
    """A temporary file from mkstemp is private (0600); "x" mode respects the umask."""
    r = load_module(EX.solution(), "m01_records_mode")
    plain = tmp_path / "plain.json"
    plain.write_text("{}", encoding="utf-8")
    r.write_json_atomic(tmp_path / "out.json", {"a": [1, 2]})
    assert os.stat(tmp_path / "out.json").st_mode == os.stat(plain).st_mode
    text = (tmp_path / "out.json").read_text(encoding="utf-8")
    assert json.loads(text) == {"a": [1, 2]} and text.endswith("\n")
