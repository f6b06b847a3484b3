"""Reports and briefs state only figures that were computed (issue 8, item 17).

Two heuristic rules, each with a short allowlist whose entries say why a figure is not a
measurement (and, where a setting elsewhere backs it, where to find that setting):

1. Report prose of the reference projects (`lab/**`): a number written as a literal inside
   the text of a report (a string or the literal part of an f-string with at least four
   words) must instead come from a variable, i.e. an f-string field. The numbers 0, 1 and 2
   are exempt (formula coefficients such as "1 / λ_max", "mean 0 / std 1"). Docstrings,
   format specs, HTML and CSS are not prose. So "{steps} steps shrink it by e^-28" fails:
   28 was the goal of a computation, not what the run did.
2. Briefs: in the section on how the checks judge (and "Check your work"), every decimal
   number or percentage must be one the exercise's checks.py or exercise.toml holds, or
   the code of its reference project (rounded to the brief's precision; p% matches p/100,
   1 + p/100 for "p% above" and 1 - p/100 for the rest of a split). A bar or a measured
   reference figure quoted there cannot drift from the one the grader uses.
"""

from __future__ import annotations

import ast
import math
import re
import tomllib
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from airoadmap.curriculum.loader import content_root
from airoadmap.lab.linreg import project as linreg_report
from airoadmap.lab.linreg.fitting import GD_MAX_ITERS, DescentSettings, descent_settings

SRC = Path(linreg_report.__file__).resolve().parents[2]  # src/airoadmap
LAB = SRC / "lab"
ROOT = SRC.parents[1]
NUMBER = re.compile(r"(?<![A-Za-z_\d.#])\d[\d,]*(?:\.\d+)?(?:e-?\d+)?(?![A-Za-z_\d])")
WORD = re.compile(r"[A-Za-z]{2,}")

# (file under lab/, number, why it is no measurement, a regex that must match the evidence
# file, the evidence file relative to the repository) - evidence None: a definition or fact.
ALLOWED: list[tuple[str, str, str, str | None, str | None]] = [
    ("linreg/project.py", "1,000,000", "the rows the benchmark times, not a result of this run",
     r"1_000_000", "benchmarks/bench_linreg.py"),
    ("eda/project.py", "1.5", "Tukey's outlier rule: a definition", None, None),
    ("eda/figures.py", "1.5", "Tukey's whiskers: a definition", None, None),
    ("eda/project.py", "5", "5-fold cross-validation of the bias model",
     r"KFold\(5, ", "src/airoadmap/lab/eda/bias.py"),
    ("eda/project.py", "40", "the threshold the advice is given at",
     r'pct_missing"\] > 40', "src/airoadmap/lab/eda/project.py"),
    ("eda/figures.py", "4", "the four-fifths rule of thumb: a definition",
     r"FOUR_FIFTHS = 0\.8", "src/airoadmap/lab/eda/bias.py"),
    ("eda/figures.py", "5", "the four-fifths rule of thumb: a definition",
     r"FOUR_FIFTHS = 0\.8", "src/airoadmap/lab/eda/bias.py"),
    ("eda/config.py", "1309", "the size of the titanic3 data set: a fact of the data", None, None),
    ("cleaning/__main__.py", "1309", "the size of the titanic3 data set: a fact of the data",
     None, None),
    ("pipeline/schema.py", "20", "a schema check's name next to its bound 0.2",
     r"0\.2 <= df", "src/airoadmap/lab/pipeline/schema.py"),
    ("pipeline/schema.py", "60", "a schema check's name next to its bound 0.6",
     r"<= 0\.6", "src/airoadmap/lab/pipeline/schema.py"),
    ("pipeline/schema.py", "40", "a schema check's name next to its bound 0.4",
     r"<= 0\.4", "src/airoadmap/lab/pipeline/schema.py"),
    ("segmentation/report.py", "1997", "CDNOW's cohort started in 1997: a fact of the data",
     None, None),
    ("segmentation/report.py", "10", "K-Means' number of starts in the reference solution",
     r"n_init=10", "src/airoadmap/content/exercises/m05-segmentation/solution/segmentation.py"),
    ("titanic/project.py", "5", "Kaggle's public leaderboard: an outside fact", None, None),
    ("titanic/project.py", "3", "Kaggle's public leaderboard: an outside fact", None, None),
    ("titanic/project.py", "7", "Kaggle's public leaderboard: an outside fact", None, None),
    ("cnn/project.py", "7", "the roadmap's month the project belongs to", None, None),
    ("cnn/project.py", "10", "CIFAR-10: the data set's name", None, None),
    ("detection/project.py", "0.5", "mAP@0.5: the measure's name (matches at IoU 0.5)",
     None, None),
    ("detection/project.py", "0.75", "mAP@0.75: the measure's name (matches at IoU 0.75)",
     None, None),
    ("detection/project.py", "101", "COCO's 101 recall levels: pycocotools' definition of AP",
     None, None),
]  # fmt: skip


def report_modules() -> list[Path]:
    """Modules of the reference projects that write report text."""
    return [p for p in sorted(LAB.rglob("*.py")) if "report" in p.read_text(encoding="utf-8")]


def literal_numbers(path: Path) -> list[tuple[int, str, str]]:
    """(line, number, prose) for each number written as a literal in report prose."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            skip.update(id(n) for n in ast.walk(node.format_spec))
        if isinstance(node, ast.JoinedStr):
            skip.update(id(v) for v in node.values)  # judged with their f-string
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            parts = [node.value]
        elif isinstance(node, ast.JoinedStr):
            parts = [v.value if isinstance(v, ast.Constant) else "\0" for v in node.values]
        else:
            continue
        prose = "".join(p if p != "\0" else "{}" for p in parts)
        if len(WORD.findall(prose)) < 4 or re.search(r"<\w+|[{;]\s*\w[\w-]*:\s", prose):
            continue  # not prose, or HTML / CSS
        for part in parts:
            if part == "\0":
                continue
            for match in NUMBER.finditer(part):
                number = match.group().rstrip(",")
                if number not in ("0", "1", "2"):
                    found.append((node.lineno, number, " ".join(prose.split())[:100]))
    return found


def test_report_prose_takes_its_figures_from_variables() -> None:
    allowed = {(f, n) for f, n, *_ in ALLOWED}
    seen: set[tuple[str, str]] = set()
    offenders = []
    for path in report_modules():
        where = path.relative_to(LAB).as_posix()
        for line, number, prose in literal_numbers(path):
            seen.add((where, number))
            if (where, number) not in allowed:
                offenders.append(f"lab/{where}:{line}: {number!r} in {prose!r}")
    assert not offenders, "figures written as literals in report prose:\n" + "\n".join(offenders)
    assert allowed <= seen, f"allowlist entries no longer needed: {sorted(allowed - seen)}"


def test_every_allowed_setting_is_where_the_allowlist_says() -> None:
    for where, number, _why, pattern, evidence in ALLOWED:
        if pattern is not None and evidence is not None:
            text = (ROOT / evidence).read_text(encoding="utf-8")
            assert re.search(pattern, text), f"{where} says {number}, {evidence} no longer does"


def test_the_scanner_flags_a_literal_and_spares_a_field(tmp_path: Path) -> None:
    module = tmp_path / "report_demo.py"
    module.write_text(
        "def report(steps):\n"
        "    return f'{steps} steps shrink the error by e^-28 along the flattest direction'\n"
        "def fine(steps, shrink):\n"
        "    return f'{steps} steps shrink the error by e^{shrink:.3g} along the direction'\n"
    )
    assert [(n, p[:5]) for _, n, p in literal_numbers(module)] == [("28", "{} st")]


# -- the m03-linreg report: its sentences follow the numbers ---------------------------------


def settings_for(low: float, high: float) -> DescentSettings:
    X = np.diag([np.sqrt(high), np.sqrt(low)]).repeat(2, axis=0)
    return descent_settings(X)


def test_the_gd_settings_sentence_states_the_reduction_it_ran_with() -> None:
    settings = settings_for(0.5, 2.0)
    assert settings.gd_iters == settings.gd_iters_wanted
    exponent = settings.gd_iters * math.log1p(-0.25)
    text = linreg_report._gd_steps(settings)
    assert text == f"{settings.gd_iters} steps shrink it by e^{exponent:.3g}."
    capped = settings_for(1e-5, 2.0)  # condition number 2e5: the cap binds
    assert capped.gd_iters == GD_MAX_ITERS < capped.gd_iters_wanted
    text = linreg_report._gd_steps(capped)
    exponent = GD_MAX_ITERS * math.log1p(-1e-5 / 2.0)
    assert text.startswith(f"{GD_MAX_ITERS} steps shrink it by e^{exponent:.3g} (")
    assert f"would take {capped.gd_iters_wanted} steps" in text and "cap" in text
    assert "e^-28 " not in text.replace(f"e^-{28:g} would", "")


def test_the_gd_result_sentence_compares_the_measurement_with_the_bound() -> None:
    settings = settings_for(0.5, 2.0)
    coef = np.array([3.0, -4.0])  # ||w|| / max|w| = 5 / 4
    bound = math.exp(settings.gd_iters * math.log1p(-0.25)) * 5.0 / 4.0
    within = linreg_report._gd_reached(settings, bound / 10, coef)
    assert within.startswith(f"`gd` reaches it to {bound / 10:.0e}, within the ")
    beyond = linreg_report._gd_reached(settings, 1e-3, coef)
    assert "did not converge" in beyond and "within" not in beyond
    few = replace(settings, gd_iters=10)
    loose = math.exp(10 * math.log1p(-0.25)) * 5.0 / 4.0
    assert f"within the {loose:.0e} that 10 steps" in linreg_report._gd_reached(few, 1e-3, coef)


# -- briefs ---------------------------------------------------------------------------------

CHECK_SECTION = re.compile(
    r"^## (How the checks judge|Check your work)\s*$(.*?)(?=^## |\Z)", re.M | re.S
)
FIGURE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(%?)(?![\w]|\.\d)")
CODE = re.compile(r"```.*?```|`[^`]*`", re.S)


def backing_numbers(folder: Path) -> list[float]:
    texts = [(folder / "checks.py").read_text(), (folder / "exercise.toml").read_text()]
    project = tomllib.loads(texts[1]).get("project")
    if project:
        package = project["entry"].split(":")[0].rsplit(".", 1)[0]
        texts += [p.read_text() for p in (SRC.parent / package.replace(".", "/")).glob("*.py")]
    found = re.findall(r"(?<![\w.])\d+(?:_\d+)*(?:\.\d+)?(?:e-?\d+)?", "\n".join(texts))
    return [float(x.replace("_", "")) for x in found]


@pytest.mark.parametrize(
    "folder", sorted(p.parent for p in (content_root() / "exercises").glob("*/brief.md")),
    ids=lambda p: p.name,
)
def test_figures_the_brief_says_the_checks_use_are_theirs(folder: Path) -> None:
    brief = (folder / "brief.md").read_text(encoding="utf-8")
    numbers = backing_numbers(folder)
    unbacked = []
    for match in CHECK_SECTION.finditer(brief):
        text = CODE.sub(" ", match.group(2))
        for figure in FIGURE.finditer(text):
            digits, percent = figure.groups()
            if "." not in digits and not percent:
                continue
            places = (len(digits.split(".")[1]) if "." in digits else 0) + (2 if percent else 0)
            value = float(digits) / (100 if percent else 1)
            candidates = (value, 1 + value, 1 - value) if percent else (value,)
            if not any(round(n, places) == round(c, places) for n in numbers for c in candidates):
                line = text[: figure.start()].count("\n")
                unbacked.append(f"{digits}{percent} in: {text.splitlines()[line].strip()[:120]}")
    assert not unbacked, f"{folder.name}/brief.md:\n" + "\n".join(unbacked)
