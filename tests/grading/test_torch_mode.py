"""The sandbox's torch mode (limits `threads`, `gpu`, `cpu_s`): threads pinned, CUDA hidden,
a CPU-time budget, and a memory limit on resident memory that lets CUDA-style address-space
reservations through."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from airoadmap.grading import sandbox
from airoadmap.results import Outcome

from .conftest import Submit, solution

pytest.importorskip("torch")

TORCHY = "m07-torchy"
MEMORY_CGROUP = sandbox._memory_cgroup_base() is not None

HOG = """
import mmap

import torch

_kept = []


def threads():
    return torch.get_num_threads()


def work():
    # What CUDA does at start: reserve far more address space than it touches.
    flags = mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | getattr(mmap, "MAP_NORESERVE", 0)
    _kept.append(mmap.mmap(-1, 16 << 30, flags=flags))
    for _ in range(80):  # then use 8 GB for real, 100 MB at a time
        _kept.append(torch.ones(25_000_000))
    return 3.0
"""


def test_threads_follow_the_limit_and_stay_pinned(submit: Submit) -> None:
    code = solution(TORCHY) + (
        "\n\ndef work() -> float:\n    torch.set_num_threads(3)\n    return 3.0\n"
    )
    report = submit(code, exercise_id=TORCHY, threads=1)
    assert report.outcome is Outcome.PASS, report
    assert report.metrics["threads"] == 1
    assert report.metrics["omp_threads"] == 1
    assert report.metrics["threads_after"] == 1  # work() asked for 3: the harness pins it back


def test_threads_default_to_the_cores_available(submit: Submit) -> None:
    report = submit(solution(TORCHY), exercise_id=TORCHY, gpu=True)
    assert report.outcome is Outcome.PASS, report
    assert report.metrics["threads"] == len(os.sched_getaffinity(0))


def test_cuda_is_hidden_unless_the_exercise_allows_a_gpu(
    submit: Submit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "0")
    hidden = submit(solution(TORCHY), exercise_id=TORCHY, threads=1)
    assert hidden.metrics["cuda_hidden"] == 1
    shown = submit(solution(TORCHY), exercise_id=TORCHY, threads=1, gpu=True)
    assert shown.metrics["cuda_hidden"] == 0
    plain = submit(solution("m01-tiny"))  # not torch mode: hidden as well
    assert plain.outcome is Outcome.PASS
    env = sandbox.sandbox_env(Path("/nonexistent"))
    assert env["CUDA_VISIBLE_DEVICES"] == ""


def test_torch_mode_caps_resident_memory_not_address_space(submit: Submit) -> None:
    torch_mode = submit(solution(TORCHY), exercise_id=TORCHY, threads=1, memory_mb=512)
    assert torch_mode.outcome is Outcome.PASS, torch_mode
    assert torch_mode.metrics["address_space_capped"] == 0
    plain = submit(solution(TORCHY), exercise_id=TORCHY, memory_mb=4096)
    assert plain.metrics["address_space_capped"] == 1
    # Why torch needs its mode: under the address-space cap, 512 MB cannot even import it.
    capped = submit(solution(TORCHY), exercise_id=TORCHY, memory_mb=512)
    assert capped.checks[0].outcome is Outcome.ERROR


@pytest.mark.slow
def test_a_busy_loop_spends_the_cpu_budget(submit: Submit) -> None:
    code = solution(TORCHY).replace(
        "    return float(torch.ones(3).sum())",
        "    total = 0\n    while True:\n        total += 1",
    )
    report = submit(code, exercise_id=TORCHY, threads=1, cpu_s=1, timeout_s=120)
    first, second, third = report.checks
    assert first.outcome is Outcome.PASS
    assert second.outcome is Outcome.TIMEOUT
    where = r"stopped: CPU-time budget of 1 s spent \(torchy.py line 1[45]\)"
    assert re.match(where, second.message), second.message
    assert third.outcome is Outcome.TIMEOUT
    assert report.outcome is Outcome.TIMEOUT


def test_the_cpu_budget_leaves_enough_for_honest_work(submit: Submit) -> None:
    report = submit(solution(TORCHY), exercise_id=TORCHY, threads=1, cpu_s=5)
    assert report.outcome is Outcome.PASS, report


@pytest.mark.parametrize(
    "watch",
    [
        pytest.param(
            "cgroup",
            marks=pytest.mark.skipif(not MEMORY_CGROUP, reason="no writable memory cgroup"),
        ),
        "rss",
    ],
)
def test_resident_memory_past_the_limit_is_stopped(
    submit: Submit, monkeypatch: pytest.MonkeyPatch, watch: str
) -> None:
    if watch == "rss":
        monkeypatch.setattr(sandbox, "_memory_cgroup_base", lambda: None)
    report = submit(HOG, exercise_id=TORCHY, threads=1, memory_mb=1024, timeout_s=120)
    first, second, third = report.checks
    assert first.outcome is Outcome.PASS, report  # loading torch fits in the limit
    assert second.outcome is Outcome.ERROR
    assert "used more than the memory limit of 1024 MB" in second.message
    assert third.message.startswith("not run")
