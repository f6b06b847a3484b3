"""Reference project of month 3: the from-scratch LinearRegression on Ames housing.

Fits the exercise's reference solution with the three methods ("normal", "gd", "sgd") on the
numeric features of Ames, next to scikit-learn's LinearRegression and Ridge, and writes:
a loss curve per gradient method (PNG), a comparison table (CSV and Markdown), metrics.
"""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from airoadmap.curriculum.loader import exercise_dir

RIDGE_ALPHA = 10.0
SEED = 0


def reference_module(exercise_id: str, module: str) -> ModuleType:
    """Import a module of an exercise's reference solution (the code learners see)."""
    path = exercise_dir(exercise_id) / "solution" / f"{module}.py"
    spec = importlib.util.spec_from_file_location(f"airoadmap_ref_{module}", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def ames_numeric() -> tuple[Any, Any, list[str]]:
    """Ames numeric features (median-imputed, no ids) and log sale price."""
    import numpy as np

    from airoadmap.datasets import load_frame

    df = load_frame("ames")
    target = next(c for c in df.columns if c.replace("_", "").lower() == "saleprice")
    ids = {c for c in df.columns if c.replace("_", "").lower() in {"order", "pid"}}
    numeric = df.select_dtypes("number").drop(columns=[target, *ids], errors="ignore")
    numeric = numeric.loc[:, numeric.isna().mean() < 0.2]
    numeric = numeric.fillna(numeric.median())
    X = numeric.to_numpy(dtype=float)
    y = np.log(df[target].to_numpy(dtype=float))
    return X, y, list(numeric.columns)


def markdown_table(frame: Any) -> str:
    """A DataFrame as a Markdown table (numbers to 4 significant digits)."""
    header = [frame.index.name or "", *map(str, frame.columns)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for idx, row in frame.iterrows():
        cells = [f"{v:.4g}" if isinstance(v, float) else str(v) for v in row]
        lines.append("| " + " | ".join([str(idx), *cells]) + " |")
    return "\n".join(lines) + "\n"


def run(run_dir: Path) -> dict[str, Any]:
    """Fit every method, compare with scikit-learn, write figures and tables to `run_dir`."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd
    from sklearn.linear_model import LinearRegression as SkLinear
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    ours = reference_module("m03-linreg", "linreg").LinearRegression
    X, y, columns = ames_numeric()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=SEED)
    scaler = StandardScaler().fit(X_train)  # learned on the training split only
    X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)

    models: dict[str, Any] = {
        "ours normal": ours(method="normal"),
        "ours normal, alpha=10": ours(method="normal", alpha=RIDGE_ALPHA),
        "ours gd": ours(method="gd", learning_rate=0.05, n_iters=3000),
        "ours sgd": ours(method="sgd", learning_rate=0.005, n_iters=30, random_state=SEED),
        "sklearn LinearRegression": SkLinear(),
        "sklearn Ridge(alpha=10)": Ridge(alpha=RIDGE_ALPHA),
    }
    rows = []
    for name, model in models.items():
        started = time.perf_counter()
        model.fit(X_train, y_train)
        seconds = time.perf_counter() - started
        rows.append(
            {
                "model": name,
                "r2_train": float(model.score(X_train, y_train)),
                "r2_test": float(model.score(X_test, y_test)),
                "fit_seconds": seconds,
                "intercept": float(model.intercept_),
            }
        )
    table = pd.DataFrame(rows).set_index("model")
    reference = {
        "ours normal": "sklearn LinearRegression",
        "ours normal, alpha=10": "sklearn Ridge(alpha=10)",
        "ours gd": "sklearn LinearRegression",
        "ours sgd": "sklearn LinearRegression",
    }
    table["max_coef_diff_vs_sklearn"] = [
        float(np.max(np.abs(models[m].coef_ - models[reference[m]].coef_)))
        if m in reference
        else 0.0
        for m in table.index
    ]
    table.to_csv(run_dir / "comparison.csv")
    (run_dir / "comparison.md").write_text(markdown_table(table), encoding="utf-8")

    coefs = pd.DataFrame({name: m.coef_ for name, m in models.items()}, index=columns)
    coefs.to_csv(run_dir / "coefficients.csv")

    for name in ("ours gd", "ours sgd"):
        history = models[name].loss_history_
        fig, ax = plt.subplots(figsize=(6, 4))
        ax.plot(np.arange(1, len(history) + 1), history)
        ax.set_yscale("log")
        ax.set_xlabel("iteration" if name == "ours gd" else "epoch")
        ax.set_ylabel("training loss")
        ax.set_title(f"Ames, log price: loss of {name.split()[-1]}")
        fig.tight_layout()
        fig.savefig(run_dir / f"loss_{name.split()[-1]}.png", dpi=120)
        plt.close(fig)

    return {
        "data": {"rows": len(y), "features": len(columns), "test_size": 0.2, "seed": SEED},
        "models": table.reset_index().to_dict(orient="records"),
    }
