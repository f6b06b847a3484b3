"""The guard's pure decisions: which hosts count as local, how paths resolve."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from airoadmap.grading.guard import _is_local, _resolve


@pytest.mark.parametrize(
    "host",
    [None, "", "localhost", "LOCALHOST", "api.localhost", "127.0.0.1", "127.1.2.3", "::1",
     "[::1]", "::ffff:127.0.0.1", "0.0.0.0", b"127.0.0.1"],
)  # fmt: skip
def test_loopback_hosts_are_local(host: object) -> None:
    assert _is_local(host)


@pytest.mark.parametrize(
    "host",
    ["10.255.255.1", "example.com", "127.0.0.1.evil.com", "127.evil.com", "2130706433",
     "127.1", "::ffff:10.0.0.1", "fe80::1", "localhost.evil.com", 42],
)  # fmt: skip
def test_other_hosts_are_not_local(host: object) -> None:
    assert not _is_local(host)


def test_relative_paths_resolve_against_cwd_and_symlinks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "link").symlink_to("/etc")
    assert _resolve("a/../b.txt", -1) == str(tmp_path / "b.txt")
    assert _resolve("link/passwd", -1) == "/etc/passwd"


def test_paths_relative_to_a_folder_descriptor_resolve_there(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    fd = os.open(tmp_path / "sub", os.O_RDONLY)
    try:
        assert _resolve("x.txt", fd) == str(tmp_path / "sub" / "x.txt")
    finally:
        os.close(fd)
