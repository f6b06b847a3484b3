"""Build an EDA report from a data frame and its configuration; `airoadmap run m02-eda`.

`build_report(df, config)` computes every section (overview, missing values, distributions,
correlations, relations with the target, outliers, hypothesis tests, bias check) and
returns the HTML page, its figures as PNG bytes and the metrics. `run(run_dir)` does it
for Titanic and Ames and writes titanic_report.html, ames_report.html and figures/*.png.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from airoadmap.lab.eda import figures as figs
from airoadmap.lab.eda import report as html
from airoadmap.lab.eda._solution import eda
from airoadmap.lab.eda.bias import FOUR_FIFTHS, bias_check
from airoadmap.lab.eda.config import CONFIGS, EdaConfig
from airoadmap.lab.eda.stats import (
    EFFECT_LABELS,
    column_table,
    correlation_matrix,
    format_p,
    is_numeric,
    numeric_summary,
    outlier_table,
    overview,
    run_test,
    target_associations,
)
from airoadmap.lab.stages import stage

__all__ = ["EdaReport", "build_report", "run"]

MAX_RELATION_FIGURES = 6  # the columns most associated with the target get a figure each
DISCRETE_VALUES = 12  # a numeric column with at most this many whole values: bars, not bins


@dataclass
class EdaReport:
    """A built report: the page, its figures (file stem -> PNG bytes) and its metrics."""

    html: str
    figures: dict[str, bytes] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)


class _Figures:
    """Renders figures to PNG, remembers them under a file stem, returns the HTML to embed."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.pngs: dict[str, bytes] = {}

    def embed(self, name: str, fig: Any, alt: str, caption: str = "") -> str:
        png = figs.to_png(fig)
        self.pngs[f"{self.prefix}_{name}"] = png
        return html.figure(png, alt, caption)


def _overview(data: pd.DataFrame, config: EdaConfig, info: dict[str, Any]) -> html.Section:
    section = html.Section("overview", "Data overview")
    kinds = ", ".join(f"{n} {kind}" for kind, n in info["column_kinds"].items())
    section.add(
        html.facts(
            {
                "rows": f"{info['rows']:,}",
                "columns": str(info["columns"]),
                "memory (deep)": f"{info['memory_mb']:.2f} MB",
                "duplicate rows": f"{info['duplicate_rows']:,}",
                "missing cells": f"{info['missing_pct']:.1f}%",
            }
        ),
        html.paragraph(f"Column kinds: {kinds}."),
    )
    y = data[config.target]
    if config.task == "classification":
        section.add(
            html.paragraph(
                f"Target {config.target}: 1 for {y.mean():.1%} of the {y.notna().sum():,} rows "
                f"that have it (a model always answering 0 is right {1 - y.mean():.1%} of the "
                "time: the baseline to beat)."
            )
        )
    else:
        section.add(
            html.paragraph(
                f"Target {config.target}: median {y.median():,.0f}, mean {y.mean():,.0f}, "
                f"from {y.min():,.0f} to {y.max():,.0f}; skewness {y.skew():.2f} (a long "
                "right tail: models often work on its logarithm)."
            )
        )
    if config.notes:
        section.add(html.bullets(config.notes))
    section.add(
        html.details(
            f"All {info['columns']} columns: type, missing values, distinct values, examples",
            html.table(column_table(data), {"missing_pct": "{:.1f}%"}),
        )
    )
    return section


def _missing(data: pd.DataFrame, out: _Figures) -> tuple[html.Section, pd.DataFrame]:
    section = html.Section("missing", "Missing values")
    summary = eda().missing_summary(data)
    if summary.empty:
        section.add(html.paragraph("No value is missing."))
        return section, summary
    heavy = list(summary.index[summary["pct_missing"] > 40])
    light = list(summary.index[summary["pct_missing"] < 5])
    advice = [
        f"{len(summary)} of {data.shape[1]} columns have missing values.",
    ]
    if heavy:
        advice.append(
            f"Over 40% missing: {', '.join(map(str, heavy))}. Too sparse to impute; drop them "
            "or keep only a 'has a value' flag, which is often informative itself."
        )
    if light:
        advice.append(
            f"Under 5% missing: {', '.join(map(str, light))}. Impute (median, most frequent) "
            "or drop those rows; either changes little."
        )
    advice.append(
        "Ask why a value is missing before filling it in: a value missing for a reason "
        "(no garage, no cabin record for steerage) carries information."
    )
    section.add(
        html.grid(
            [
                html.table(summary, {"pct_missing": "{:.1f}%"}),
                out.embed(
                    "missing",
                    eda().plot_missing(data),
                    "Bar chart of the percent of rows missing per column",
                ),
            ]
        ),
        html.bullets(advice),
    )
    return section, summary


def _is_discrete(series: pd.Series) -> bool:
    """Numbers with few distinct whole values (a class, a count, a 0/1 flag, a grade)."""
    values = series.dropna()
    return (
        is_numeric(series)
        and values.nunique() <= DISCRETE_VALUES
        and bool((values == values.round()).all())
    )


def _distribution(series: pd.Series) -> Any:
    """The exercise's histogram or category bars; bars in value order for discrete numbers."""
    return figs.discrete_counts(series) if _is_discrete(series) else eda().plot_distribution(series)


def _distributions(data: pd.DataFrame, config: EdaConfig, out: _Figures) -> html.Section:
    section = html.Section("distributions", "Distributions")
    columns = [config.target, *config.columns]
    summary = numeric_summary(data, columns)
    if not summary.empty:
        section.add(html.heading("Numeric columns"), html.table(summary))
        skewed = [str(c) for c in summary.index if abs(summary.loc[c, "skew"]) > 1]
        if skewed:
            section.add(
                html.paragraph(
                    f"Strongly skewed (|skewness| > 1): {', '.join(skewed)}. Their mean sits "
                    "far from their median: describe them with the median and quartiles, "
                    "compare them with rank-based tests, and try a log scale for models."
                )
            )
    blocks = [
        out.embed(f"distribution_{name}", _distribution(data[name]), f"Distribution of {name}")
        for name in columns
    ]
    section.add(html.heading("One figure per column"), html.grid(blocks))
    return section


def _correlations(data: pd.DataFrame, config: EdaConfig, out: _Figures) -> html.Section:
    section = html.Section("correlations", "Correlations")
    corr = correlation_matrix(data, [*config.columns, config.target])
    if len(corr) < 2:
        return section.add(html.paragraph("Fewer than two numeric columns: nothing to correlate."))
    names = [str(c) for c in corr.columns]
    pairs = [
        (names[i], names[j], float(corr.iat[i, j]))
        for i in range(len(names))
        for j in range(i + 1, len(names))
        if pd.notna(corr.iat[i, j])
    ]
    pairs.sort(key=lambda pair: -abs(pair[2]))
    strongest = "; ".join(f"{a} and {b}: r = {r:.2f}" for a, b, r in pairs[:3])
    section.add(
        out.embed(
            "correlations",
            figs.correlation_heatmap(corr),
            "Heat map of the Pearson correlations between the numeric columns",
        ),
        html.paragraph(
            f"Strongest pairs: {strongest}. Pearson's r measures linear association only and "
            "is pulled by outliers; two strongly correlated features carry overlapping "
            "information (a linear model's coefficients on them become unstable)."
        ),
    )
    return section


def _relations(
    data: pd.DataFrame, config: EdaConfig, out: _Figures
) -> tuple[html.Section, pd.DataFrame]:
    section = html.Section("target", f"Relations with the target ({config.target})")
    assoc = target_associations(data, list(config.columns), config.target, config.task)
    if assoc.empty:
        return section.add(html.paragraph("No column to relate to the target.")), assoc
    section.add(
        html.paragraph(
            "How strongly each column goes with the target, on a 0-1 scale (the sign of r "
            "or rho gives the direction). Strength is not causation: first-class passengers "
            "and expensive houses differ in many ways at once."
        ),
        html.table(assoc[["measure", "value"]], {"value": "{:.3f}"}),
    )
    blocks = []
    for name in list(assoc.index)[:MAX_RELATION_FIGURES]:
        col = data[name]
        if not is_numeric(col) or _is_discrete(col):
            frame = data
            if _is_discrete(col) and pd.api.types.is_float_dtype(col):  # labels 2, not 2.0
                frame = data.assign(**{name: col.astype("Int64")})
            fig = eda().plot_target_rate(frame, name, config.target)
            alt = f"Mean of {config.target} per category of {name}"
        elif config.task == "classification":
            fig = figs.by_target_class(data, name, config.target)
            alt = f"Distribution of {name} for each value of {config.target}"
        else:
            fig = eda().plot_scatter(data, name, config.target)
            alt = f"Scatter plot of {config.target} against {name}"
        blocks.append(out.embed(f"target_{name}", fig, alt))
    section.add(html.grid(blocks))
    return section, assoc


def _outliers(
    data: pd.DataFrame, config: EdaConfig, out: _Figures
) -> tuple[html.Section, pd.DataFrame]:
    section = html.Section("outliers", "Outliers (Tukey's fences)")
    table = outlier_table(data, [c for c in config.columns if data[c].nunique() > 10])
    if table.empty:
        return section.add(html.paragraph("No continuous numeric column to check.")), table
    section.add(
        html.paragraph(
            "A value is an outlier when it lies more than 1.5 IQR below the first quartile or "
            "above the third. An outlier is a question, not an error: check whether it is a "
            "typo, a different kind of row, or a real extreme (a luxury cabin, a mansion)."
        ),
        html.table(table, {"outliers_pct": "{:.1f}%"}),
        out.embed("outliers", figs.box_plots(data, table), "Box plots of the numeric columns"),
    )
    return section, table


def _tests(data: pd.DataFrame, config: EdaConfig) -> tuple[html.Section, list[dict[str, Any]]]:
    section = html.Section("tests", "Hypothesis tests")
    section.add(
        html.paragraph(
            f"Each test asks whether a pattern could be chance, at the significance level "
            f"α = {config.alpha:g}. The p-value is the probability of a result at least this "
            "extreme if there were no effect; the effect size says how large the effect is."
        )
    )
    metrics = []
    results = [run_test(data, h, config.alpha) for h in config.tests]
    for r in results:
        row: dict[str, Any] = {"test": r.method, r.statistic_name: r.statistic}
        row["p-value"] = format_p(r.p_value)
        if r.effect_name != r.statistic_name:
            row[EFFECT_LABELS[r.effect_name]] = r.effect
        row.update({"effect": r.effect_size, "n": r.n})
        numbers = pd.DataFrame([row])
        section.add(
            html.heading(r.question),
            html.table(numbers, index=False),
            html.paragraph(r.groups + "."),
            html.callout(r.interpretation, "yes" if r.significant else "no"),
        )
        metrics.append(r.metrics())
    if len(results) > 1:
        bonferroni = config.alpha / len(results)
        kept = [r.question for r in results if r.p_value < bonferroni]
        section.add(
            html.paragraph(
                f"{len(results)} tests at α = {config.alpha:g} give about "
                f"{len(results) * config.alpha:.2f} false alarms on average when nothing is "
                f"there. With Bonferroni's correction (α / {len(results)} = {bonferroni:.3g}), "
                f"{len(kept)} of {len(results)} results stay significant."
            )
        )
    return section, metrics


def _bias_labels(attribute: str) -> dict[str, str]:
    """Column names of the bias tables, as the report shows them."""
    return {
        "n": "rows",
        "share": "share of rows",
        "observed": "observed rate",
        "observed_rate": "observed rate",
        "model": "model's rate",
        "model_rate": "model's rate",
        "model_rate_without": f"model without {attribute}",
        "model_without_attribute": f"model without {attribute}",
        "true_positive_rate": "true positive rate",
        "mean_abs_pct_error": "mean absolute error",
        "abs_pct_error": "mean absolute error",
        "mean_signed_pct_error": "mean signed error",
    }


def _bias(
    data: pd.DataFrame, config: EdaConfig, out: _Figures
) -> tuple[html.Section, dict[str, Any]]:
    section = html.Section("bias", "Bias check")
    if not config.sensitive:
        return section.add(html.paragraph("No sensitive attribute configured.")), {}
    results = bias_check(data, config)
    if config.task == "classification":
        section.add(
            html.paragraph(
                "For each group: the observed rate of the target, the rate a simple model "
                "predicts (logistic regression, 5-fold cross-validated predictions), the same "
                "model trained without the attribute, and the model's true positive rate. The "
                f"disparity ratio is the lowest group rate over the highest; under "
                f"{FOUR_FIFTHS} fails the 'four-fifths' rule of thumb."
            )
        )
        series = {
            "observed_rate": "observed",
            "model_rate": "model",
            "model_rate_without": "model without the attribute",
        }
    else:
        section.add(
            html.paragraph(
                "For each group: its share of the data, and the error of a simple model (ridge "
                "regression on the log price, 5-fold cross-validated predictions) as a percent "
                "of the price; a positive signed error means the model overvalues the group."
            )
        )
        series = {"mean_abs_pct_error": "mean absolute error (% of price)"}
    metrics: dict[str, Any] = {}
    for result in results:
        shown = result.table.rename(columns=_bias_labels(result.attribute))
        formats = {c: "{:.1%}" for c in shown.columns if c != "rows" and "median" not in c}
        ratios = pd.DataFrame({"disparity ratio": result.ratios}).T
        ratios = ratios.rename(columns=_bias_labels(result.attribute))
        fig = figs.bias_chart(
            result.table,
            result.attribute,
            series,
            f"Bias check: {config.target} by {result.attribute}",
            ylabel="rate" if config.task == "classification" else "error, % of price",
            four_fifths=config.task == "classification",
        )
        section.add(
            html.heading(f"By {result.attribute}"),
            html.table(shown, formats),
            html.table(ratios, {c: "{:.2f}" for c in ratios.columns}),
            out.embed(f"bias_{result.attribute}", fig, f"Rates by {result.attribute}"),
            html.paragraph(result.explanation),
        )
        metrics[result.attribute] = result.metrics()
    if config.bias_context:
        section.add(html.callout(config.bias_context))
    return section, metrics


def build_report(df: pd.DataFrame, config: EdaConfig, source: str = "") -> EdaReport:
    """The whole report of `df` as `config` describes it."""
    data = df.drop(columns=[c for c in config.drop if c in df.columns])
    missing_columns = [c for c in {config.target, *config.columns} if c not in data.columns]
    if missing_columns:
        raise ValueError(f"{config.name}: columns not in the data: {sorted(missing_columns)}")
    out = _Figures(config.name)
    info = overview(data)
    missing_section, missing = _missing(data, out)
    relations, assoc = _relations(data, config, out)
    outliers_section, outliers = _outliers(data, config, out)
    tests_section, tests = _tests(data, config)
    bias_section, bias = _bias(data, config, out)
    sections = [
        _overview(data, config, info),
        missing_section,
        _distributions(data, config, out),
        _correlations(data, config, out),
        relations,
        outliers_section,
        tests_section,
        bias_section,
    ]
    footer = (
        f"Generated by airoadmap (m02-eda reference report). Data: {source or config.dataset}. "
        "Figures are embedded: this file needs no network and no other file."
    )
    subtitle = f"Exploratory data analysis of {len(data):,} rows; target: {config.target}"
    page = html.render(config.title, subtitle, sections, footer)
    metrics = {
        "rows": info["rows"],
        "columns": info["columns"],
        "missing_pct": info["missing_pct"],
        "columns_with_missing": len(missing),
        "top_association": (
            {"column": str(assoc.index[0]), "value": float(assoc["value"].iloc[0])}
            if not assoc.empty
            else None
        ),
        "outliers": {str(c): int(n) for c, n in outliers.get("outliers", pd.Series()).items()},
        "tests": tests,
        "bias": bias,
        "figures": len(out.pngs),
        "html_bytes": len(page.encode("utf-8")),
    }
    return EdaReport(html=page, figures=out.pngs, metrics=metrics)


def write_report(report: EdaReport, run_dir: Path, name: str) -> Path:
    """Write `<name>_report.html` and every figure as figures/<stem>.png; returns the page."""
    folder = run_dir / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    for stem, png in report.figures.items():
        (folder / f"{stem}.png").write_bytes(png)
    page = run_dir / f"{name}_report.html"
    page.write_text(report.html, encoding="utf-8")
    return page


def run(run_dir: Path) -> dict[str, Any]:
    """Build the Titanic and Ames reports into `run_dir`; returns their metrics."""
    from airoadmap.datasets import get_spec, load_frame

    metrics: dict[str, Any] = {}
    for config in CONFIGS:
        stage(f"building the {config.dataset} report")
        spec = get_spec(config.dataset)
        report = build_report(
            load_frame(config.dataset), config, source=f"{spec.title}, {spec.origin}"
        )
        page = write_report(report, run_dir, config.name)
        metrics[config.name] = {"report": page.name, **report.metrics}
    return metrics
