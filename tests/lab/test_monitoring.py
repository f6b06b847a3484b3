"""The m11-monitoring reference project (airoadmap.lab.monitoring): a whole run on a tiny
stream (12 batches of 300 rows, the change at batch 6), its artifacts and metrics replayed
independently, and the event-log replay catching each kind of inconsistency."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from airoadmap.lab.monitoring import project
from airoadmap.lab.stages import listening

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture()
def tiny(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(project, "BATCHES", 12)
    monkeypatch.setattr(project, "BATCH_SIZE", 300)
    monkeypatch.setattr(project, "CHANGE_AT", 6)
    monkeypatch.setattr(project, "PROGRESS_EVERY", 4)


@pytest.mark.usefixtures("tiny")
def test_a_tiny_run_writes_its_artifacts_and_measures_what_it_says(tmp_path: Path) -> None:
    stages: list[str] = []
    with listening(stages.append):
        metrics = project.run(tmp_path)
    for name in ("timeline.png", "drift_by_feature.png"):
        assert (tmp_path / name).read_bytes()[:8] == PNG_SIGNATURE, name
    for name in ("events.csv", "report.md", "model_card.md", "registry/registry.db"):
        assert (tmp_path / name).stat().st_size > 0, name
    assert [s for s in stages if s.startswith("serving")] == [
        f"serving the stream: batch {b} of 12" for b in (4, 8, 12)
    ]

    # the first champion never retrained, recomputed here from the same seeded stream
    sol = project.solution()
    stream = sol.make_stream(project.SEED, batches=12, batch_size=300, change_at=6)
    reference = sol.make_stream(project.SEED + 1, batches=2, batch_size=300, change_at=2)
    first = sol.train_model(
        np.concatenate([X for X, _ in reference]), np.concatenate([y for _, y in reference])
    )
    static = [float(np.mean(first.predict(X) == y)) for X, y in stream]
    assert metrics["static_batch_accuracy"] == pytest.approx(static)
    assert metrics["static_accuracy_after_change"] == pytest.approx(np.mean(static[6:]))

    # the loop's figures are those of its event log, written to events.csv
    with (tmp_path / "events.csv").open(encoding="utf-8") as f:
        events = list(csv.DictReader(f))
    scored = {int(e["batch"]): float(e["value"]) for e in events if e["kind"] == "performance"}
    assert sorted(scored) == list(range(12))
    assert metrics["batch_accuracy"] == pytest.approx([scored[b] for b in range(12)])
    assert metrics["loop_accuracy_after_change"] == pytest.approx(
        np.mean(list(scored.values())[6:])
    )
    alerts = [
        int(e["batch"]) for e in events if e["kind"] == "drift_alert" and int(e["batch"]) >= 6
    ]
    assert metrics["first_drift_alert"] == min(alerts)
    assert metrics["drift_alert_delay_batches"] == min(alerts) - 6
    kinds = [e["kind"] for e in events]
    assert metrics["promotions"] == kinds.count("promoted") >= 1  # the change is learned
    assert metrics["events_consistent"] is True and metrics["event_problems"] == []
    # the loop beats the model it replaced after the change, on the same batches
    assert metrics["loop_accuracy_after_change"] > metrics["static_accuracy_after_change"]

    drill = metrics["rollback"]
    assert drill["done"] and drill["restored_is_previous"]
    assert drill["served_by"] == drill["restored"] == drill["champion_after"]
    assert drill["restored"] != drill["champion_before"]
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "![timeline](timeline.png)" in report and "The event log replayed: consistent" in report
    card = (tmp_path / "model_card.md").read_text(encoding="utf-8")
    assert f"(version {metrics['final_champion']})" in card


def _log(*rows: tuple[str, int, str | None]) -> list[dict[str, object]]:
    return [{"kind": k, "batch": b, "version": v, "value": None, "note": ""} for k, b, v in rows]


GOOD = [
    ("deployed", -1, "1"),
    ("drift", 0, "1"),
    ("drift", 1, "1"),
    ("performance", 0, "1"),
    ("retrained", 0, "2"),
    ("drift", 2, "1"),
    ("promoted", 1, "2"),
    ("performance", 1, "1"),
    ("drift", 3, "2"),
    ("rollback", 3, "1"),
]


def test_the_replay_accepts_a_consistent_log_and_names_each_inconsistency() -> None:
    assert project.replay(_log(*GOOD), "1", "champion") == []
    assert project.replay(_log(*GOOD), "2", "champion") == [
        "the log ends with 1, the 'champion' alias names 2"
    ]
    served_wrong = [*GOOD[:8], ("drift", 3, "1"), GOOD[9]]
    assert "batch 3 served by 1, champion was 2" in project.replay(_log(*served_wrong), "1", "c")
    stale = [*GOOD[:6], ("promoted", 0, "2"), *GOOD[7:]]
    assert "version 2 judged on batch 0, not fresh rows" in project.replay(_log(*stale), "1", "c")
    untrained = [*GOOD[:4], *GOOD[5:]]
    assert "version 2 promoted but never trained" in project.replay(_log(*untrained), "1", "c")
    twice = [*GOOD, ("drift", 3, "1")]
    assert "batch 3 served 2 times" in project.replay(_log(*twice), "1", "c")
    early = [*GOOD[:3], ("performance", 5, "1"), *GOOD[4:]]
    assert "batch 5 scored before it was served" in project.replay(_log(*early), "1", "c")
