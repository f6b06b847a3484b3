"""`show` renders the briefs' LaTeX as readable text (issue 8, item 12).

The rule checked on every real brief: the terminal output holds no LaTeX command (`\\frac`,
`\\lVert`, ...) except those the brief itself shows as code, and no `$` delimiter of a formula
(a price such as "$14,000" stays).
"""

from __future__ import annotations

import re
import tomllib

import pytest
from typer.testing import CliRunner

from airoadmap.cli.app import app
from airoadmap.cli.mathtext import _formula, math_markdown, to_text
from airoadmap.curriculum.loader import content_root, curriculum, exercise_dir

runner = CliRunner()
COMMAND = re.compile(r"\\[A-Za-z]+")
CODE = re.compile(r"```.*?```|~~~.*?~~~|(`+)(?:(?!\1).)+?\1", re.DOTALL)


def formulas(markdown: str) -> list[tuple[str, bool]]:
    """The (latex, display) formulas of a Markdown text, outside code."""
    prose = CODE.sub(" ", markdown)
    found, i = [], 0
    while i < len(prose):
        if prose[i] == "\\":
            i += 2
            continue
        hit = _formula(prose, i) if prose[i] == "$" else None
        if hit is None:
            i += 1
            continue
        end, content, display = hit
        found.append((content, display))
        i = end
    return found


def every_text_with_maths() -> list[tuple[str, str]]:
    texts = []
    for ex in curriculum().exercises.values():
        texts.append((f"{ex.id}/brief.md", (exercise_dir(ex.id) / "brief.md").read_text()))
        for group in ex.hints:
            texts += [(f"{ex.id} hint {group.key}", tier) for tier in group.tiers]
    for path in sorted((content_root() / "months").glob("*.toml")):
        texts.append((path.name, path.read_text()))
    return texts


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"\min_{w,\,b}\; \lVert y - Xw - b \rVert^2 + \alpha \lVert w \rVert^2",
         "min_(w, b) ‖y - Xw - b‖² + α ‖w‖²"),
        (r"(X^\top X + \alpha I)\,w = X^\top y", "(Xᵀ X + α I) w = Xᵀ y"),
        (r"L = \frac{1}{2n}\left(\lVert r \rVert^2\right)", "L = (1/(2n))(‖r‖²)"),
        (r"\frac{\partial L}{\partial w} = \frac{2}{n} X^\top r", "∂L/∂w = (2/n) Xᵀ r"),
        (r"J = \sum_{i=1}^{n} \min_j \lVert x_i - c_j \rVert^2", "J = Σᵢ₌₁ⁿ minⱼ ‖xᵢ - cⱼ‖²"),
        (r"\hat X = Z V_k^\top + \bar x", "X̂ = Z Vₖᵀ + x̄"),
        (r"\eta < 2 / \lambda_{\max}", "η < 2 / λ_max"),
        (r"e^{-|z|} \in (0, 1]", "e^(-|z|) ∈ (0, 1]"),
        (r"\frac12 + \frac{TP + TN}{n}", "1/2 + (TP + TN)/n"),
        (r"\operatorname{trace}(C) = \sum_f \operatorname{var}(x_f)", "trace(C) = Σ_f var(x_f)"),
        (r"\ell_i = \arg\min_j d_{ij}", "ℓᵢ = arg minⱼ d_ij"),
        (r"\mathbb{R}^n \unknowncommand", "ℝⁿ unknowncommand"),
    ],
)  # fmt: skip
def test_formulas_become_readable_text(latex: str, text: str) -> None:
    assert to_text(latex) == text


def test_a_display_formula_keeps_its_lines() -> None:
    latex = "a = \\frac{1}{n} \\sum_i r_i, \\qquad\nb = 2"
    assert to_text(latex, display=True) == "a = (1/n) Σᵢ rᵢ,\nb = 2"
    assert to_text(latex) == "a = (1/n) Σᵢ rᵢ,  b = 2"


def test_markdown_keeps_code_and_escapes() -> None:
    source = "Cost \\$5 and `$x^2$` stay; $x^2$ becomes text.\n\n```\n$ echo $HOME\n```\n"
    assert math_markdown(source) == (
        "Cost \\$5 and `$x^2$` stay; x² becomes text.\n\n```\n$ echo $HOME\n```\n"
    )
    display = "Text:\n\n$$ a_i = b_i $$\n\nmore"
    assert math_markdown(display) == "Text:\n\n\n> aᵢ = bᵢ\n\n\nmore"


@pytest.mark.parametrize(("where", "text"), every_text_with_maths())
def test_every_formula_of_the_content_converts_cleanly(where: str, text: str) -> None:
    for latex, display in formulas(text):
        shown = to_text(latex, display=display)
        assert shown.strip(), (where, latex)
        assert "\\" not in shown, (where, latex, shown)
        assert not any(ord(ch) < 32 and ch != "\n" for ch in shown), (where, latex, shown)


@pytest.mark.parametrize("exercise_id", sorted(curriculum().exercises))
def test_show_prints_no_latex_command(exercise_id: str) -> None:
    result = runner.invoke(app, ["show", exercise_id])
    assert result.exit_code == 0, result.output
    brief = (exercise_dir(exercise_id) / "brief.md").read_text()
    code = " ".join(m.group(0) for m in CODE.finditer(brief))
    allowed = set(COMMAND.findall(code))
    assert set(COMMAND.findall(result.output)) <= allowed, exercise_id
    found = formulas(brief)
    delimiters = sum(4 if display else 2 for _, display in found)
    assert result.output.count("$") <= brief.count("$") - delimiters, exercise_id  # "$14,000"


@pytest.mark.parametrize("exercise_id", ["m03-linreg", "m05-pca", "m03-gradients"])
def test_show_prints_each_formula_as_text(exercise_id: str) -> None:
    result = runner.invoke(app, ["show", exercise_id])
    out = " ".join(result.output.replace("▌", " ").split())
    found = formulas((exercise_dir(exercise_id) / "brief.md").read_text())
    assert found
    for latex, display in found:
        for line in to_text(latex, display=display).split("\n"):
            assert " ".join(line.split()) in out, (latex, line)


def test_hints_with_maths_read_as_text() -> None:
    data = tomllib.loads((exercise_dir("m03-linreg") / "exercise.toml").read_text())
    tiers = [t for group in data["hints"] for t in group["tiers"] if "$" in t]
    for tier in tiers:
        assert "\\" not in math_markdown(tier).replace("\\_", "").replace("\\*", "")
