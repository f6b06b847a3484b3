"""The learner's folder as the grader sees it: fingerprint, untouched test, the copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from airoadmap.grading import workcopy
from airoadmap.grading.grader import grade
from airoadmap.results import Outcome

from .conftest import FIXTURES, make_exercise, solution


def test_copy_leaves_out_caches_and_backups(tmp_path: Path) -> None:
    source = tmp_path / "src"
    (source / "__pycache__").mkdir(parents=True)
    (source / "__pycache__" / "tiny.cpython-311.pyc").write_bytes(b"x")
    (source / "data").mkdir()
    (source / "data" / "points.csv").write_text("x\n1\n")
    (source / "tiny.py").write_text("code")
    (source / "tiny.py~").write_text("backup")
    (source / ".ipynb_checkpoints").mkdir()
    (source / ".ipynb_checkpoints" / "n.ipynb").write_text("{}")
    copied = workcopy.copy_folder(source, tmp_path / "dst", keep=["tiny.py"])
    files = sorted(str(p.relative_to(tmp_path / "dst")) for p in (tmp_path / "dst").rglob("*"))
    assert files == ["data", "data/points.csv", "tiny.py"]
    assert copied == len("x\n1\n") + len("code")


def test_a_folder_too_big_reads_error(
    tmp_path: Path, learner_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workcopy, "MAX_COPY_BYTES", 1000)
    (learner_dir / "tiny.py").write_text(solution())
    (learner_dir / "big.bin").write_bytes(b"\0" * 2000)
    report = grade(make_exercise(), FIXTURES / "m01-tiny", learner_dir)
    assert report.outcome is Outcome.ERROR
    assert "move data sets and outputs out of the exercise folder" in report.summary


def test_code_hash_follows_content_not_listing_order(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("a")
    (tmp_path / "b.py").write_text("b")
    first = workcopy.code_hash(tmp_path, ["a.py", "b.py"])
    assert first == workcopy.code_hash(tmp_path, ["b.py", "a.py"])
    (tmp_path / "b.py").write_text("b2")
    assert workcopy.code_hash(tmp_path, ["a.py", "b.py"]) != first


def test_untouched_ignores_line_endings_only(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "starter").mkdir()
    (tmp_path / "starter" / "t.py").write_bytes(b"x = 1\n")
    (tmp_path / "mine" / "t.py").write_bytes(b"x = 1\r\n")
    assert workcopy.is_untouched(tmp_path / "mine", tmp_path / "starter", ["t.py"])
    (tmp_path / "mine" / "t.py").write_bytes(b"x = 2\n")
    assert not workcopy.is_untouched(tmp_path / "mine", tmp_path / "starter", ["t.py"])
