"""The m05-segmentation reference project on a small synthetic shop: artifacts and metrics."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

from airoadmap.lab.segmentation import analysis, project, report

# Four kinds of customers: (how many, days since the last purchase, purchase days, $ a day).
KINDS = {
    "fans": (40, 5, 20, 100.0),
    "regulars": (60, 40, 5, 40.0),
    "lapsed small": (80, 300, 1, 10.0),
    "lapsed large": (60, 300, 1, 60.0),
}
FIGURES = ("k_selection.png", "pca_segments.png", "segment_profile.png", "snake_plot.png")


def shop(seed: int = 3) -> pd.DataFrame:
    """A year of purchases of 240 customers of the four kinds (rows shuffled)."""
    rng = np.random.default_rng(seed)
    end = pd.Timestamp("1998-01-01")
    rows = []
    customer = 0
    for count, recency, days, spend in KINDS.values():
        for _ in range(count):
            customer += 1
            last = end - pd.Timedelta(days=max(1, int(rng.normal(recency, recency * 0.1))))
            n = 1 if days == 1 else max(2, round(rng.normal(days, days * 0.15)))
            earlier = rng.choice(np.arange(1, 300), n - 1, replace=False)
            for day in [last, *(last - pd.Timedelta(days=int(d)) for d in earlier)]:
                rows.append((customer, day, 1, round(spend * rng.lognormal(0.0, 0.15), 2)))
    frame = pd.DataFrame(rows, columns=["customer_id", "date", "number_of_cds", "dollar_value"])
    return frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)


@pytest.fixture(autouse=True)
def _one_thread() -> Iterator[None]:
    import sklearn.cluster  # noqa: F401  (threadpoolctl limits the libraries loaded)

    with threadpool_limits(limits=1):
        yield


@pytest.fixture(scope="module")
def transactions() -> pd.DataFrame:
    return shop()


@pytest.fixture()
def finished_run(
    transactions: pd.DataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, dict[str, Any]]:
    monkeypatch.setattr(project, "load_transactions", lambda: transactions.copy())
    metrics = project.run(tmp_path)
    return tmp_path, metrics


def test_run_finds_the_four_kinds(finished_run: tuple[Path, dict[str, Any]]) -> None:
    _, metrics = finished_run
    json.dumps(metrics)  # the caller saves it as metrics.json
    assert metrics["k"] == 4
    assert metrics["k_range"] == [3, 8]
    assert metrics["silhouette"] > 0.8
    assert sorted(metrics["sizes"].values()) == sorted(count for count, *_ in KINDS.values())
    segments = metrics["segments"]
    assert segments[0]["name"] == "loyal high spenders"  # biggest spenders first
    assert segments[0]["size"] == KINDS["fans"][0]
    lapsed = [s for s in segments if s["name"].startswith("lapsed one-timers")]
    assert sorted(s["size"] for s in lapsed) == [60, 80]
    assert metrics["data"]["customers"] == 240
    assert metrics["data"]["silhouette_sample"] == 240  # fewer customers than the sample


def test_run_writes_every_artifact(
    finished_run: tuple[Path, dict[str, Any]], transactions: pd.DataFrame
) -> None:
    run_dir, metrics = finished_run
    for name in FIGURES:
        data = (run_dir / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", name
        assert len(data) > 10_000, name

    segments = pd.read_csv(run_dir / "segments.csv", index_col="customer_id")
    assert list(segments.columns) == ["segment", "name", "recency", "frequency", "monetary"]
    assert sorted(segments.index) == sorted(transactions["customer_id"].unique())
    assert segments.groupby("name").size().to_dict() == metrics["sizes"]
    totals = transactions.groupby("customer_id")["dollar_value"].sum()
    np.testing.assert_allclose(segments["monetary"], totals.loc[segments.index])

    profile = pd.read_csv(run_dir / "profile.csv", index_col="segment")
    assert len(profile) == 4
    assert profile["share"].sum() == pytest.approx(1.0)
    assert profile["action"].str.len().min() > 10
    assert profile["monetary"].is_monotonic_decreasing

    curves = pd.read_csv(run_dir / "k_curves.csv", index_col="k")
    assert list(curves.index) == list(range(2, 11))
    assert curves["inertia"].is_monotonic_decreasing
    assert curves["silhouette"].idxmax() == 4
    assert metrics["elbow"] == analysis.elbow(curves) == 4

    text = (run_dir / "report.md").read_text()
    for name in [*FIGURES, *profile["name"]]:
        assert name in text
    assert "k = 4" in text
    assert "**k = 4**: the silhouette agrees" in text
    md = (run_dir / "profile.md").read_text()
    assert md.count("\n") == 2 + len(profile)
    assert "| loyal high spenders |" in md


def test_elbow_is_the_sharpest_bend() -> None:
    # Drops 60, 10, 5, 3: the ratio is 6 into k=3, 2 into k=4, 1.7 into k=5.
    curves = pd.DataFrame({"inertia": [100.0, 40.0, 30.0, 25.0, 22.0]}, index=[2, 3, 4, 5, 6])
    assert analysis.elbow(curves) == 3
    # A huge first drop does not hide a later, sharper bend (the second difference would
    # say k=3 here): drops 140, 30, 1, 1 give ratios 4.7 into k=3 and 30 into k=4.
    steep = pd.DataFrame({"inertia": [180.0, 40.0, 10.0, 9.0, 8.0]}, index=[2, 3, 4, 5, 6])
    assert analysis.elbow(steep) == 4
    with pytest.raises(ValueError, match="three consecutive k"):
        analysis.elbow(curves.iloc[:2])


def test_every_reference_name_has_an_action() -> None:
    seg = project.reference()
    profiles = [
        # size, recency, frequency, monetary: every rule of name_segments is used once.
        [(300, 20.0, 14.0, 700.0), (900, 480.0, 1.0, 20.0), (400, 15.0, 1.0, 25.0),
         (500, 320.0, 6.0, 250.0), (800, 150.0, 2.5, 70.0), (300, 40.0, 4.0, 90.0)],
        [(300, 400.0, 10.0, 900.0), (900, 480.0, 1.0, 20.0), (500, 30.0, 3.0, 80.0)],
    ]  # fmt: skip
    seen = set()
    for rows in profiles:
        profile = pd.DataFrame(rows, columns=["size", "recency", "frequency", "monetary"])
        profile.insert(1, "share", profile["size"] / profile["size"].sum())
        for name in seg.name_segments(profile).values():
            seen.add(report.base_name(name))
            assert report.action_for(name) == report.ACTIONS[report.base_name(name)]
    assert seen == set(report.ACTIONS)
