"""The EDA report generator (airoadmap.lab.eda): one self-contained HTML file, right numbers."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from airoadmap.lab.eda import report as html
from airoadmap.lab.eda.bias import bias_check
from airoadmap.lab.eda.config import AMES, TITANIC, EdaConfig, Hypothesis
from airoadmap.lab.eda.project import build_report, run, write_report
from airoadmap.lab.eda.stats import outlier_table, run_test, target_associations

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SECTIONS = ("overview", "missing", "distributions", "correlations", "target", "outliers")
SECTIONS += ("tests", "bias")


def passengers(n: int = 240, seed: int = 0) -> pd.DataFrame:
    """A small Titanic-like frame: women and first class survive more; some values missing."""
    rng = np.random.default_rng(seed)
    sex = rng.choice(["female", "male"], n, p=[0.4, 0.6])
    pclass = rng.choice([1, 2, 3], n, p=[0.25, 0.25, 0.5])
    age = rng.normal(30, 12, n).clip(1, 80)
    fare = np.round(rng.lognormal(2.5, 0.9, n) * (4 - pclass), 2)
    p = 0.15 + 0.5 * (sex == "female") + 0.15 * (pclass == 1)
    survived = (rng.random(n) < p).astype(int)
    age[rng.choice(n, 30, replace=False)] = np.nan
    port = rng.choice(np.array(["S", "C", "Q", None], dtype=object), n, p=[0.6, 0.2, 0.15, 0.05])
    return pd.DataFrame(
        {
            "name": [f"Passenger <script>alert({i})</script>" for i in range(n)],
            "pclass": pclass,
            "sex": sex,
            "age": age,
            "fare": fare,
            "embarked": port,
            "survived": survived,
            "boat": np.where(survived == 1, "7", None),  # leaks the target: dropped
        }
    )


SMALL = EdaConfig(
    name="small",
    dataset="titanic",
    title="Small <passengers> & co",
    target="survived",
    task="classification",
    columns=("pclass", "sex", "age", "fare", "embarked"),
    features=("pclass", "sex", "age", "fare", "embarked"),
    drop=("boat",),
    tests=(
        Hypothesis("chi2", "sex", "survived", "Sex and survival?"),
        Hypothesis("mannwhitney", "fare", "survived", "Fare by survival?"),
        Hypothesis("welch", "age", "survived", "Age by survival?"),
    ),
    sensitive=("sex",),
    bias_context="Context <b>not markup</b>.",
)


@pytest.fixture(scope="module")
def built() -> tuple[str, dict[str, bytes], dict]:  # type: ignore[type-arg]
    report = build_report(passengers(), SMALL, source="made up")
    return report.html, report.figures, report.metrics


def test_report_is_one_self_contained_file(
    built: tuple[str, dict[str, bytes], dict],  # type: ignore[type-arg]
    tmp_path: Path,
) -> None:
    page, figures, _ = built
    from airoadmap.lab.eda.project import EdaReport

    path = write_report(EdaReport(page, figures), tmp_path, "small")
    assert path == tmp_path / "small_report.html"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures", "small_report.html"]
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", text, re.IGNORECASE)
    assert "<link" not in text and "<script" not in text and "@import" not in text
    images = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', text)
    assert len(images) == len(figures) == len(list((tmp_path / "figures").glob("*.png")))
    assert len(images) >= 10
    for data in images:
        assert base64.b64decode(data, validate=True).startswith(PNG_SIGNATURE)


def test_report_has_every_section_and_escapes_the_data(
    built: tuple[str, dict[str, bytes], dict],  # type: ignore[type-arg]
) -> None:
    page, _, _ = built
    for section in SECTIONS:
        assert f'<section id="{section}">' in page
        assert f'href="#{section}"' in page
    assert "<title>Small &lt;passengers&gt; &amp; co</title>" in page
    assert "&lt;script&gt;alert(" in page  # a data value, shown as text
    assert "&lt;b&gt;not markup&lt;/b&gt;" in page
    assert "boat" not in re.sub(r"<[^>]+>", "", page).split("Bias check")[0].replace(
        "boat deck", ""
    )


def test_report_metrics_match_scipy(
    built: tuple[str, dict[str, bytes], dict],  # type: ignore[type-arg]
) -> None:
    _, _, metrics = built
    df = passengers()
    chi2, mw, welch = metrics["tests"]
    table = pd.crosstab(df["sex"], df["survived"])
    assert chi2["chi2"] == pytest.approx(stats.chi2_contingency(table).statistic)
    assert chi2["significant"] is True
    fare = df.dropna(subset=["fare"])
    ref = stats.mannwhitneyu(
        fare.loc[fare.survived == 0, "fare"], fare.loc[fare.survived == 1, "fare"]
    )
    assert mw["U"] == pytest.approx(ref.statistic)
    assert mw["p_value"] == pytest.approx(ref.pvalue)
    age = df.dropna(subset=["age"])
    ref = stats.ttest_ind(
        age.loc[age.survived == 0, "age"], age.loc[age.survived == 1, "age"], equal_var=False
    )
    assert welch["t"] == pytest.approx(ref.statistic)
    assert metrics["rows"] == 240 and metrics["columns"] == 7  # boat dropped
    ratios = metrics["bias"]["sex"]["ratios"]
    rates = df.groupby("sex")["survived"].mean()
    assert ratios["observed"] == pytest.approx(rates.min() / rates.max())
    assert ratios["model"] < ratios["observed"]  # the model sharpens the strong pattern
    assert metrics["figures"] >= 10


def test_interpretation_says_what_the_p_value_means() -> None:
    rng = np.random.default_rng(1)
    same = pd.DataFrame({"x": rng.normal(0, 1, 200), "g": np.repeat(["a", "b"], 100)})
    differ = same.assign(x=same["x"] + np.where(same["g"] == "b", 1.0, 0.0))
    h = Hypothesis("welch", "x", "g", "Do a and b differ?")
    null = run_test(same, h)
    real = run_test(differ, h)
    assert not null.significant and "no evidence" in null.interpretation
    assert "not proof" in null.interpretation
    assert real.significant and "we reject" in real.interpretation
    assert real.effect_size == "large" and real.effect == pytest.approx(-1.0, abs=0.25)
    kruskal = run_test(differ, Hypothesis("kruskal", "x", "g", "?"))
    assert kruskal.p_value == pytest.approx(
        stats.kruskal(*[s for _, s in differ.groupby("g")["x"]]).pvalue
    )
    rho = run_test(differ.assign(y=differ["x"] * 2 + 1), Hypothesis("spearman", "x", "y", "?"))
    assert rho.statistic == pytest.approx(1.0)
    with pytest.raises(ValueError, match="two groups"):
        run_test(differ.assign(g=np.repeat(["a", "b", "c", "d"], 50)), h)


def test_outliers_and_associations() -> None:
    df = pd.DataFrame(
        {"v": [*range(20), 100.0], "c": ["a", "b"] * 10 + ["a"], "y": [0, 1] * 10 + [1]}
    )
    table = outlier_table(df, ["v", "c"])
    assert list(table.index) == ["v"] and table.loc["v", "outliers"] == 1
    assoc = target_associations(df, ["v", "c"], "y", "classification")
    assert assoc.loc["c", "measure"] == "Cramér's V"
    assert assoc.loc["v", "value"] == pytest.approx(stats.pearsonr(df["v"], df["y"]).statistic)


def test_regression_bias_check_reports_errors_per_group() -> None:
    rng = np.random.default_rng(2)
    n = 300
    kind = rng.choice(["house", "flat", "barn"], n, p=[0.6, 0.35, 0.05])
    area = rng.uniform(40, 200, n)
    noise = np.where(kind == "barn", 0.5, 0.05)  # barns are hard to price
    price = np.exp(np.log(1000 * area) + rng.normal(0, noise))
    df = pd.DataFrame({"area": area, "kind": kind, "price": price})
    config = EdaConfig(
        "prices", "ames", "Prices", "price", "regression", ("area", "kind"), ("area", "kind"),
        sensitive=("kind",),
    )  # fmt: skip
    (result,) = bias_check(df, config)
    errors = result.table["mean_abs_pct_error"]
    assert errors.idxmax() == "barn"
    assert result.ratios["abs_pct_error"] == pytest.approx(errors.min() / errors.max())
    assert "barn" in result.explanation


def test_render_escapes_and_has_no_external_reference() -> None:
    section = html.Section("s<1>", "A & B").add(html.paragraph("x < y"), html.table(
        pd.DataFrame({"v": [1.5, np.nan]}, index=["<i>", "ok"])
    ))  # fmt: skip
    page = html.render("T", "S", [section])
    assert '<section id="s&lt;1&gt;">' in page and "x &lt; y" in page
    assert "&lt;i&gt;" in page and "–" in page  # NaN shown as a dash
    assert "http" not in page


@pytest.mark.slow
def test_run_writes_both_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`airoadmap run m02-eda` on samples of the real data sets (fast)."""
    import airoadmap.datasets as datasets

    real = datasets.load_frame
    samples = {"titanic": 300, "ames": 400}

    def sample(name: str) -> pd.DataFrame:
        return real(name).sample(samples[name], random_state=0).reset_index(drop=True)

    monkeypatch.setattr(datasets, "load_frame", sample)
    metrics = run(tmp_path)
    assert set(metrics) == {"titanic", "ames"}
    for config in (TITANIC, AMES):
        page = tmp_path / f"{config.name}_report.html"
        assert page.is_file() and metrics[config.name]["report"] == page.name
        assert metrics[config.name]["rows"] == samples[config.name]
        assert len(metrics[config.name]["tests"]) == len(config.tests)
        assert list((tmp_path / "figures").glob(f"{config.name}_*.png"))
    assert set(metrics["titanic"]["bias"]) == {"sex", "pclass"}
    assert metrics["titanic"]["top_association"]["column"] == "sex"
