"""The parts of the portfolio: safe markdown, model-card notes, the CLI commands."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from airoadmap.portfolio.markdown import render_markdown
from airoadmap.portfolio.modelcard import MODEL_METRIC, notes
from tests.portfolio.conftest import Built

# -- markdown -------------------------------------------------------------------------------


def test_raw_html_in_a_brief_is_escaped() -> None:
    out = render_markdown('Hi <script>alert(1)</script> <img src="https://x.org/a.png">')
    assert "<script" not in out and "&lt;script&gt;" in out
    assert "<img" not in out


def test_links_and_images_never_load_anything() -> None:
    out = render_markdown(
        "[docs](https://docs.python.org) [local](DATA.md) [anchor](#the-contract) "
        "![plot](plot.png) ![remote](https://example.org/p.png) [js](javascript:alert(1))"
    )
    assert '<a href="https://docs.python.org" rel="noopener noreferrer">docs</a>' in out
    assert "DATA.md" not in out and "local" in out  # a relative link keeps its text only
    assert '<a href="#the-contract">anchor</a>' in out
    assert "<img" not in out and "[image: plot]" in out
    assert '<a href="https://example.org/p.png">[image: remote]</a>' in out
    assert 'href="javascript' not in out


def test_code_blocks_are_highlighted_and_escaped() -> None:
    out = render_markdown("```python\nif a < b:\n    print('<b>')\n```\n")
    assert out.startswith('<pre class="hl">')
    assert "<b>" not in out and "&lt;" in out
    assert 'class="k"' in out  # Pygments coloured the keyword


def test_tables_render_and_headings_shift() -> None:
    assert "<table>" in render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n")
    out = render_markdown("# Title\n\n## Part\n\n##### Deep\n", heading_offset=2)
    assert "<h3>Title</h3>" in out and "<h4>Part</h4>" in out and "<h6>Deep</h6>" in out


# -- model-card notes ---------------------------------------------------------------------------


def test_model_card_notes_come_from_the_exercise() -> None:
    from airoadmap.curriculum.loader import curriculum

    cur = curriculum()
    spam = notes(cur.exercises["m04-spam"])
    assert spam.what.startswith("A scikit-learn pipeline") and spam.headline[0] == "spam_f1"
    assert spam.ethics and spam.limitations
    katas = notes(cur.exercises["m01-katas"])  # declares none: every note empty
    assert (katas.model, katas.what, katas.headline) == (None, "", [])


@pytest.mark.parametrize(
    ("name", "is_model"),
    [
        ("r2_holdout", True),
        ("accuracy_holdout", True),
        ("spam_f1", True),
        ("silhouette", True),
        ("inertia_ratio_worst", True),
        ("cell_agreement", False),
        ("n_init_hits_of_12", False),
        ("maximum", False),
    ],
)
def test_model_metric_names(name: str, is_model: bool) -> None:
    assert bool(MODEL_METRIC.search(name)) is is_model


# -- the CLI ----------------------------------------------------------------------------------


def cli_app() -> typer.Typer:
    from airoadmap.cli.portfolio import register

    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test root."""

    register(app)
    return app


def test_cli_build_and_verify(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(built.ws.root)
    runner = CliRunner()
    app = cli_app()
    out = tmp_path / "site"
    result = runner.invoke(app, ["portfolio", "build", "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert sorted(data["included"]) == ["m01-katas", "m03-linreg"]
    assert data["modified_since_pass"] == ["m01-katas"]
    result = runner.invoke(app, ["portfolio", "build", "--out", str(out), "--name", "Grace"])
    assert result.exit_code == 0 and "m01-katas" in result.output and "index.html" in result.output
    assert "Grace" in (out / "index.html").read_text()

    result = runner.invoke(app, ["portfolio", "verify", str(out)])
    assert result.exit_code == 0, result.output
    assert "m03-linreg" in result.output and "modified since it passed" in result.output

    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    (copy / "m03-linreg" / "code" / "linreg.py").write_text("# not what was graded\n")
    result = runner.invoke(app, ["portfolio", "verify", str(copy)])
    assert result.exit_code == 1
    assert "do not match manifest.json" in result.output


def test_cli_errors_are_one_line(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    app = cli_app()
    monkeypatch.chdir(tmp_path)  # no workspace here
    result = runner.invoke(app, ["portfolio", "build"])
    assert result.exit_code == 1
    assert (
        "No airoadmap workspace" in result.output and len(result.output.strip().splitlines()) == 1
    )
    monkeypatch.chdir(built.ws.root)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep")
    result = runner.invoke(app, ["portfolio", "build", "--out", str(tmp_path / "mine")])
    assert result.exit_code == 1 and "holds no earlier portfolio build" in result.output
    result = runner.invoke(app, ["portfolio", "verify", str(tmp_path / "mine")])
    assert result.exit_code == 1 and "No manifest.json" in result.output
