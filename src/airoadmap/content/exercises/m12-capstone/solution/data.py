"""Load the project's data as capstone.toml describes it, and split it reproducibly."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pandas as pd
from sklearn.model_selection import train_test_split

HERE = Path(__file__).resolve().parent


def settings() -> dict[str, Any]:
    """capstone.toml as a dict."""
    with open(HERE / "capstone.toml", "rb") as file:
        return tomllib.load(file)


def load_frame() -> pd.DataFrame:
    """The feature columns and the target as 0/1 (rows without a target dropped)."""
    data = settings()["data"]
    source: str = data["source"]
    if source.startswith("registry:"):
        from airoadmap.datasets import load

        loaded = load(source.removeprefix("registry:"))
        if not isinstance(loaded, pd.DataFrame):
            raise ValueError(f"{source} is not a table: give a CSV in this folder instead")
        frame = loaded
    else:
        frame = pd.read_csv(HERE / source)
    columns = [*data["features"], data["target"]]
    missing = sorted(set(columns) - set(frame.columns))
    if missing:
        raise ValueError(f"capstone.toml names columns the data lacks: {', '.join(missing)}")
    frame = frame[columns].dropna(subset=[data["target"]]).reset_index(drop=True)
    if data.get("positive"):  # text labels: the positive value reads 1, the other 0
        frame[data["target"]] = (frame[data["target"]].astype(str) == data["positive"]).astype(int)
    return frame


def split(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Train and test rows: stratified by the target, seeded by capstone.toml's run.seed."""
    config = settings()
    train, test = train_test_split(
        frame,
        test_size=config["run"]["test_fraction"],
        random_state=config["run"]["seed"],
        stratify=frame[config["data"]["target"]],
    )
    return train.reset_index(drop=True), test.reset_index(drop=True)
