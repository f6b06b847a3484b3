"""m12-system-design: the checks' own figures, the shipped scenarios, the draw and the brief.

The checks compute every figure of a design themselves (`_expected`); here they are held
against the brief's worked example, worked out by hand, and against figures written out
independently for the three scenarios. The solution, the starter and the held-back
submissions (submissions/m12_system_design/) are run by tests/content/test_submissions.py,
the contract table by tests/content/test_contracts.py.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections import Counter
from collections.abc import Iterator
from types import ModuleType

import pytest

from airoadmap.curriculum.loader import exercise_dir
from tests.content.contracts import load_checks

EXERCISE_ID = "m12-system-design"
FOLDER = exercise_dir(EXERCISE_ID)


@pytest.fixture(scope="module")
def checks() -> Iterator[ModuleType]:
    """The exercise's checks.py, imported under a private name."""
    name = "_m12_system_design_checks_under_test"
    yield load_checks(EXERCISE_ID, name)
    sys.modules.pop(name, None)


def test_the_learner_gets_the_scenarios_the_checks_grade(checks: ModuleType) -> None:
    starter = (FOLDER / "starter" / "scenarios.toml").read_bytes()
    assert (FOLDER / "solution" / "scenarios.toml").read_bytes() == starter
    assert tomllib.loads(starter.decode()) == checks.SCENARIOS
    assert tuple(checks.SCENARIOS) == checks.SCENARIO_IDS


def test_every_scenario_states_every_figure(checks: ModuleType) -> None:
    keys = [set(s) for s in checks.SCENARIOS.values()]
    assert all(k == keys[0] for k in keys)
    for case in checks.CASES.values():
        checks._expected(case)  # no figure missing, under either mode


def test_the_draw_is_fair_and_is_the_starters(checks: ModuleType) -> None:
    counts = Counter(checks.drawn(seed) for seed in range(3000))
    assert set(counts) == set(checks.SCENARIO_IDS)
    assert all(900 <= n <= 1100 for n in counts.values()), counts
    source = (FOLDER / "starter" / "design.py").read_text(encoding="utf-8")
    namespace: dict[str, object] = {"__name__": "starter_design"}
    exec(compile(source, "design.py", "exec"), namespace)
    draw = namespace["drawn_scenario"]
    assert callable(draw)
    assert all(draw(seed) == checks.drawn(seed) for seed in range(200))


def test_the_submissions_seeds_draw_what_they_design(checks: ModuleType) -> None:
    assert checks.drawn(20261205) == "moderation"  # the solution's SEED
    assert checks.drawn(0) == "recommendation"
    assert checks.drawn(5) == "search"


def test_the_figures_of_the_three_scenarios(checks: ModuleType) -> None:
    """Written out by hand from scenarios.toml (not with the checks' formulas)."""
    moderation = checks._expected(checks.SCENARIOS["moderation"])
    assert moderation["mode"] == "online"
    assert moderation["peak_rps"] == pytest.approx(40e6 / 86400 * 3)
    assert moderation["model_rps"] == pytest.approx(40e6 / 86400 * 3 * 0.95)
    assert (moderation["replicas"], moderation["gpus"]) == (6, 6)  # ceil(4.19) + 1 spare
    assert moderation["storage_gb"] == pytest.approx(5.12 + 3600)
    assert moderation["total_usd"] == pytest.approx(6 * 730 * 0.5 + 3605.12 * 0.023)

    recommendation = checks._expected(checks.SCENARIOS["recommendation"])
    assert recommendation["mode"] == "batch"
    assert recommendation["model_rps"] == pytest.approx(4e9 / (4 * 3600))
    assert (recommendation["replicas"], recommendation["gpus"]) == (2, 2)  # ceil(1.59), no spare
    assert recommendation["gpu_hours"] == pytest.approx(2 * 4 * 730 / 24)
    assert recommendation["total_usd"] == pytest.approx(2 * 4 * 730 / 24 * 1.0 + 182.0992 * 0.023)

    search = checks._expected(checks.SCENARIOS["search"])
    assert search["mode"] == "online"
    assert search["gpus_per_replica"] == 2  # 25.6 GB on 24 GB GPUs
    assert (search["replicas"], search["gpus"]) == (17, 34)  # ceil(15.5) + 1 spare
    assert search["headroom"] == 480
    assert search["total_usd"] == pytest.approx(34 * 730 * 0.8 + 738.432 * 0.023)


def test_the_variants_flip_the_mode(checks: ModuleType) -> None:
    modes = {label: checks._mode(case) for label, case in checks.CASES.items()}
    assert list(modes.values()) == ["online", "batch", "online", "batch", "online", "online"]
    over = checks.OVER_BUDGET
    assert sum(over["stages_ms"].values()) > over["latency_budget_ms"]


def test_the_briefs_worked_example(checks: ModuleType) -> None:
    example = dict(
        checks.SCENARIOS["moderation"],
        requests_per_day=10_000_000,
        peak_factor=2.0,
        cache_hit_rate=0.10,
        replica_throughput_rps=120.0,
        target_utilization=0.7,
        model_params_m=600.0,
        bytes_per_param=2,
        memory_overhead=1.5,
        gpu_memory_gb=16.0,
        gpu_hour_usd=0.50,
        latency_budget_ms=300.0,
        stages_ms={"network": 40.0, "queue": 20.0, "model": 150.0, "postprocess": 10.0},
        embedding_count=1_000_000,
        embedding_dim=512,
        log_bytes_per_request=300,
        retention_days=30,
        storage_gb_month_usd=0.023,
    )
    found = checks._expected(example)
    brief = (FOLDER / "brief.md").read_text(encoding="utf-8")
    said = {
        "peak_rps": "231.5 requests/s",
        "model_rps": "231.5 x 0.9 = 208.3",
        "headroom": "300 - 220 = 80 ms",
        "storage_gb": "= 92.05 GB",
        "gpu_usd": "= $1,460",
        "storage_usd": "storage $2.12",
        "total_usd": "total $1,462.12",
    }
    for key, text in said.items():
        assert text in brief, text
        written = re.findall(r"[\d,]+(?:\.\d+)?", text)[-1].replace(",", "")
        places = len(written.split(".")[1]) if "." in written else 0
        assert round(found[key], places) == float(written), (key, found[key], written)
    assert (found["replicas"], found["gpus"]) == (4, 4)
    assert "so 3 replicas, plus the spare: 4" in brief


def test_the_template_has_the_rubrics_sections(checks: ModuleType) -> None:
    for kind in ("starter", "solution"):
        text = (FOLDER / kind / "design.md").read_text(encoding="utf-8")
        assert list(checks._sections(text)) == list(checks.SECTIONS), kind
    template = (FOLDER / "starter" / "design.md").read_text(encoding="utf-8")
    for label in checks.FIGURES:
        assert f"| {label} |" in template.lower()
