"""`airoadmap track`: month 8's specialization tracks, chosen and changed from the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from airoadmap.curriculum.loader import curriculum
from tests.cli.test_cli import cli


@pytest.fixture()
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ws"
    code, out = cli("init", str(root), "--start", "2026-01-05", "--hours", "10")
    assert code == 0, out
    monkeypatch.chdir(root)
    return root


def month_8(out: str) -> dict[str, object]:
    data = json.loads(out)
    row: dict[str, object] = data["months"][7]
    return row


def test_without_a_name_it_lists_the_tracks_and_says_none_is_chosen(ws: Path) -> None:
    code, out = cli("track")
    assert code == 0, out
    for track in ("nlp", "cv", "genai", "rl"):
        assert track in out
    assert "No track chosen yet: nlp counts" in out
    code, out = cli("status", "--json")
    row = month_8(out)
    assert row["track"] == "nlp" and row["track_chosen"] is False


def test_choosing_a_track_changes_what_month_8_counts_and_keeps_attempts(ws: Path) -> None:
    rl = curriculum().month(8).counted("rl")
    code, out = cli("track", "RL")
    assert code == 0, out
    assert "Month 8 track: rl" in out and "stay open as optional work" in out
    row = month_8(cli("status", "--json")[1])
    assert row["track"] == "rl" and row["track_chosen"] is True
    assert row["exercises"] == len(rl)
    assert set(row["optional"]) == set(curriculum().month(8).exercises) - set(rl)  # type: ignore[arg-type]

    code, out = cli("track", "nlp")
    assert code == 0 and "(was rl; every attempt is kept)" in out
    code, exported = cli("progress", "export")
    choices = json.loads(exported)["track_choices"]
    assert [c["track"] for c in choices] == ["rl", "nlp"]  # the history stays
    code, out = cli("track", "nlp")  # the same again: nothing new recorded
    assert len(json.loads(cli("progress", "export")[1])["track_choices"]) == 2


def test_bad_track_or_month_is_one_line_and_a_failure(ws: Path) -> None:
    code, out = cli("track", "robotics")
    assert code != 0
    assert "Unknown track 'robotics' for month 8: choose one of nlp, cv, genai, rl" in out
    assert "Traceback" not in out
    code, out = cli("track", "nlp", "--month", "3")
    assert code != 0 and "Month 3 has no tracks to choose from (months with tracks: 8)" in out
