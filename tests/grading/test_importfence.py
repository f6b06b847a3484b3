"""The from-scratch import fence: the learner's files may not import what the exercise forbids,
by any of the usual routes; code outside their folder (checks, libraries) imports freely."""

from __future__ import annotations

import builtins
import importlib
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from airoadmap.grading import explain
from airoadmap.grading.importfence import (
    FROM_SCRATCH_NAME,
    ForbiddenImport,
    fence,
    forbidden_name,
    scan,
)
from airoadmap.results import Outcome

from .conftest import Submit, solution

FORBIDDEN = ["sklearn", "scipy", "statsmodels"]
TAIL = (
    "which this from-scratch exercise forbids: write it with NumPy "
    "(the brief lists what you may use)."
)

Write = Callable[[str, str], Path]


@pytest.fixture()
def work(tmp_path: Path) -> Iterator[Path]:
    """A learner's folder on sys.path; its modules leave sys.modules afterwards."""
    folder = (tmp_path / "work").resolve()
    folder.mkdir()
    sys.path.insert(0, str(folder))
    try:
        yield folder
    finally:
        sys.path.remove(str(folder))
        for name, module in list(sys.modules.items()):
            if str(getattr(module, "__file__", "") or "").startswith(str(tmp_path.resolve())):
                del sys.modules[name]


@pytest.fixture()
def write(work: Path) -> Write:
    def put(name: str, code: str) -> Path:
        path = work / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(code), encoding="utf-8")
        return path

    return put


def load(path: Path, name: str) -> ModuleType:
    """Import a learner file as Context.load does (spec_from_file_location)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def refused(work: Path, path: Path, name: str) -> ForbiddenImport:
    with fence(work, FORBIDDEN, "NumPy") as active, pytest.raises(ForbiddenImport) as caught:
        load(path, name)
    assert active.violations == [str(caught.value)]
    return caught.value


# --- runtime: every route from a learner file is refused, with one line naming it ---------


def test_direct_import_is_refused_naming_file_line_and_what_to_use(
    work: Path, write: Write
) -> None:
    path = write("lin_direct.py", "import numpy as np\nimport sklearn\n")
    error = refused(work, path, "lin_direct")
    assert str(error) == f"lin_direct.py:2 imports sklearn, {TAIL}"
    assert "\n" not in str(error)
    assert isinstance(error, ImportError)


def test_from_import_of_a_submodule_is_refused(work: Path, write: Write) -> None:
    path = write("lin_from.py", "\n\nfrom sklearn.linear_model import Ridge\n")
    assert str(refused(work, path, "lin_from")).startswith(
        "lin_from.py:3 imports sklearn.linear_model, which"
    )


def test_importlib_import_module_is_refused(work: Path, write: Write) -> None:
    path = write(
        "lin_importlib.py",
        """
        import importlib
        name = "sk" + "learn"
        Ridge = importlib.import_module(name + ".linear_model").Ridge
        """,
    )
    assert "lin_importlib.py:4 imports sklearn.linear_model" in str(
        refused(work, path, "lin_importlib")
    )


def test_from_importlib_import_import_module_is_refused(work: Path, write: Write) -> None:
    path = write("lin_imp2.py", "from importlib import import_module\nimport_module('scipy')\n")
    assert "lin_imp2.py:2 imports scipy" in str(refused(work, path, "lin_imp2"))


def test_dunder_import_is_refused(work: Path, write: Write) -> None:
    path = write("lin_dunder.py", "lm = __import__('sklearn.linear_model')\n")
    assert "lin_dunder.py:1 imports sklearn.linear_model" in str(
        refused(work, path, "lin_dunder")
    )


def test_importlib_dunder_import_is_refused(work: Path, write: Write) -> None:
    path = write("lin_idunder.py", "import importlib\nimportlib.__import__('statsmodels')\n")
    assert "lin_idunder.py:2 imports statsmodels" in str(refused(work, path, "lin_idunder"))


def test_import_in_an_exec_string_blames_the_exec_line(work: Path, write: Write) -> None:
    path = write("lin_exec.py", "x = 1\nexec('import sklearn')\n")
    assert "lin_exec.py:2 imports sklearn" in str(refused(work, path, "lin_exec"))


def test_a_learner_helper_module_importing_it_is_refused(work: Path, write: Write) -> None:
    write("helpers/__init__.py", "")
    write("helpers/wrap.py", "import numpy\nfrom scipy import linalg\n")
    path = write("lin_helper.py", "from helpers.wrap import linalg\n")
    assert "helpers/wrap.py:2 imports scipy" in str(refused(work, path, "lin_helper"))


def test_refusal_is_recorded_even_when_the_learner_catches_it(work: Path, write: Write) -> None:
    path = write(
        "lin_caught.py",
        """
        try:
            import sklearn
        except ImportError:
            sklearn = None
        try:
            __import__("scipy")
        except Exception:
            pass
        """,
    )
    with fence(work, FORBIDDEN, "NumPy") as active:
        module = load(path, "lin_caught")
    assert module.sklearn is None
    assert [v.split(",")[0] for v in active.violations] == [
        "lin_caught.py:3 imports sklearn",
        "lin_caught.py:7 imports scipy",
    ]


def test_a_dotted_entry_forbids_that_submodule_only(work: Path, write: Write) -> None:
    path = write("lin_dotted.py", "import numpy.linalg\nimport numpy.fft\n")
    with fence(work, ["numpy.fft"], "numpy.linalg") as active, pytest.raises(ForbiddenImport):
        load(path, "lin_dotted")
    assert active.violations[0].startswith("lin_dotted.py:2 imports numpy.fft")
    path = write("lin_dotted2.py", "from numpy import fft\n")
    with fence(work, ["numpy.fft"], "") as active, pytest.raises(ForbiddenImport):
        load(path, "lin_dotted2")
    assert active.violations == [
        "lin_dotted2.py:1 imports numpy.fft, which this from-scratch exercise forbids: "
        "write it yourself (the brief lists what you may use)."
    ]
    assert forbidden_name("numpy.fftx", ["numpy.fft"]) is None
    assert forbidden_name("sklearn.base", ["sklearn"]) == "sklearn"


# --- runtime: code outside the learner's folder imports freely ------------------------------


def test_checks_and_libraries_import_forbidden_modules_freely(
    work: Path, write: Write, tmp_path: Path
) -> None:
    library = tmp_path / "site"
    library.mkdir()
    (library / "fakelib_uses_scipy.py").write_text("import scipy\nimport sklearn.base\nok = 1\n")
    sys.path.append(str(library))
    try:
        path = write(
            "lin_allowed.py",
            """
            import numpy as np
            import fakelib_uses_scipy
            import sklearn.linear_model  # noqa: F401  (sklearn not forbidden in this test)
            value = fakelib_uses_scipy.ok + int(np.ones(1)[0])
            """,
        )
        with fence(work, ["scipy"], "NumPy") as active:
            import sklearn.linear_model  # the checks (this file) may import anything

            module = load(path, "lin_allowed")
            importlib.import_module("scipy.linalg")
    finally:
        sys.path.remove(str(library))
    assert module.value == 2
    assert sklearn.linear_model.Ridge is not None
    assert active.violations == []


def test_fence_restores_the_import_functions(work: Path) -> None:
    before = (builtins.__import__, importlib.import_module, importlib.__import__)
    with fence(work, FORBIDDEN, "NumPy"):
        assert builtins.__import__ is not before[0]
        assert importlib.import_module is not before[1]
    assert (builtins.__import__, importlib.import_module, importlib.__import__) == before


def test_an_empty_forbidden_list_changes_nothing(work: Path) -> None:
    before = builtins.__import__
    with fence(work, [], ""):
        assert builtins.__import__ is before


# --- static scan ------------------------------------------------------------------------------


def test_scan_finds_every_route_with_its_line(work: Path, write: Write) -> None:
    write(
        "lin_routes.py",
        """
        import numpy as np
        import sys
        from . import sibling
        import importlib
        from scipy.optimize import minimize
        m = importlib.import_module("sklearn.linear_model")
        n = __import__("statsmodels")
        Ridge = sys.modules["sklearn"].linear_model.Ridge
        exec("import scipy.linalg")
        text = "sklearn is what I would use"
        """,
    )
    write("sub/helper.py", "import sklearn\n")
    write("broken.py", "def oops(:\n")
    found = scan(work, FORBIDDEN, "NumPy")
    assert found == [
        f"lin_routes.py:6 imports scipy.optimize, {TAIL}",
        f"lin_routes.py:7 imports sklearn.linear_model, {TAIL}",
        f"lin_routes.py:8 imports statsmodels, {TAIL}",
        f"lin_routes.py:9 names the module sklearn, {TAIL}",
        f"lin_routes.py:10 imports scipy.linalg, {TAIL}",
        f"sub/helper.py:1 imports sklearn, {TAIL}",
    ]


def test_scan_from_the_learner_files_follows_their_imports_only(work: Path, write: Write) -> None:
    write("linreg.py", "import numpy\nimport util\nfrom pkg import core\n")
    write("util.py", "import importlib\nimportlib.import_module('deep')\n")
    write("deep.py", "import scipy.optimize\n")
    write("pkg/__init__.py", "")
    write("pkg/core.py", "from . import inner\n")
    write("pkg/inner.py", "\nfrom sklearn import svm\n")
    write("compare_with_sklearn.py", "import sklearn  # the learner's own comparison\n")
    found = scan(work, FORBIDDEN, "NumPy", files=["linreg.py"])
    assert [f.split(",")[0] for f in found] == [
        "deep.py:1 imports scipy.optimize",
        "pkg/inner.py:2 imports sklearn",
    ]
    assert len(scan(work, FORBIDDEN, "NumPy")) == 3  # every file, without `files`


def test_scan_of_clean_code_finds_nothing(work: Path, write: Write) -> None:
    write("clean.py", "import numpy as np\nimport sklearnish\nx = 'scipy-like'\n")
    assert scan(work, FORBIDDEN, "NumPy") == []
    write("dirty.py", "import sklearn\n")
    assert scan(work, [], "NumPy") == []


# --- how the harness explains it -----------------------------------------------------------


def test_explain_reads_a_forbidden_import_as_fail_blaming_the_learner(
    work: Path, write: Write
) -> None:
    path = write(
        "lin_wrapped.py",
        """
        def fit():
            try:
                import sklearn
            except ImportError as exc:
                raise RuntimeError("this needs scikit-learn") from exc
        """,
    )
    learner = explain.Learner(str(work))
    with fence(work, FORBIDDEN, "NumPy"):
        module = load(path, "lin_wrapped")
        with pytest.raises(RuntimeError) as caught:
            module.fit()
    outcome, message = explain.classify(caught.value, learner)
    assert outcome == explain.FAIL
    assert message == f"lin_wrapped.py:4 imports sklearn, {TAIL}"
    assert explain.blames_learner(caught.value, learner)


# --- end to end, in the real sandbox ----------------------------------------------------------

SCRATCH = {"forbidden_imports": FORBIDDEN, "use_instead": "NumPy"}


def test_a_scikit_learn_wrapper_fails_once_naming_the_import(submit: Submit) -> None:
    code = """
    import numpy as np
    from sklearn.linear_model import LinearRegression


    def slope(xs, ys):
        model = LinearRegression(fit_intercept=False).fit(np.c_[xs], ys)
        return float(model.coef_[0])
    """
    report = submit(code, exercise_id="m01-scratch", **SCRATCH)
    assert report.outcome is Outcome.FAIL
    # Reported once, under the from-scratch check, not once per check.
    assert [(c.name, c.outcome) for c in report.checks] == [(FROM_SCRATCH_NAME, Outcome.FAIL)]
    expected = f"scratch.py:3 imports sklearn.linear_model, {TAIL}"
    assert report.checks[0].message == expected
    assert report.summary == f"Not from scratch: {expected}"


def test_a_caught_import_by_a_computed_name_fails_from_scratch_only(submit: Submit) -> None:
    code = """
    import importlib

    import numpy as np

    try:
        helper = importlib.import_module("sk" + "learn")
    except ImportError:
        helper = None


    def slope(xs, ys):
        x, y = np.asarray(xs, float), np.asarray(ys, float)
        return float(x @ y / (x @ x))
    """
    report = submit(code, exercise_id="m01-scratch", **SCRATCH)
    assert [c.outcome for c in report.checks] == [Outcome.PASS, Outcome.PASS, Outcome.FAIL]
    assert report.checks[-1].message == f"scratch.py:7 imports sklearn, {TAIL}"


def test_the_numpy_solution_passes_with_the_fence_and_its_bar(submit: Submit) -> None:
    bars = {"slope_error": {"at_most": 1e-9, "why": "a clean line is fitted exactly"}}
    report = submit(solution("m01-scratch"), exercise_id="m01-scratch", bars=bars, **SCRATCH)
    assert report.outcome is Outcome.PASS, report
    assert [c.name for c in report.checks][-1] == FROM_SCRATCH_NAME
    assert report.metrics == {"slope_error": 0.0}


def test_without_forbidden_imports_there_is_no_from_scratch_check(submit: Submit) -> None:
    report = submit(solution("m01-scratch"), exercise_id="m01-scratch")
    assert report.outcome is Outcome.PASS
    assert len(report.checks) == 2


def test_the_from_scratch_check_reads_not_attempted_while_nothing_else_was() -> None:
    from airoadmap.grading.importfence import idle_verdict

    assert idle_verdict("PASS", ["NOT_ATTEMPTED", "NOT_ATTEMPTED"]) == "NOT_ATTEMPTED"
    assert idle_verdict("FAIL", ["NOT_ATTEMPTED"]) == "FAIL"  # a forbidden import still shows
    assert idle_verdict("PASS", ["PASS", "NOT_ATTEMPTED"]) == "PASS"
