"""Correct, written differently: the scenario read into a dataclass, the figures from its
properties; the seed draws `recommendation` (a batch job) and its design is written."""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.content.submissions.m12_system_design._design import use_doc

use_doc(globals(), "recommendation")

SEED = 0
SCENARIO_IDS = ("moderation", "recommendation", "search")


def drawn_scenario(seed: int) -> str:
    return random.Random(seed).choice(SCENARIO_IDS)


def load_scenarios(path: Path | None = None) -> dict[str, dict[str, Any]]:
    with (path or Path(__file__).with_name("scenarios.toml")).open("rb") as handle:
        return tomllib.load(handle)


def _ceil(x: float) -> int:
    whole = int(x)
    return whole if whole == x else whole + 1


@dataclass(frozen=True)
class Plan:
    s: dict[str, Any]

    @property
    def batch(self) -> bool:
        return bool(self.s["inputs_known_ahead"]) and self.s["max_staleness_h"] >= 24

    @property
    def peak(self) -> float:
        return self.s["peak_factor"] * self.s["requests_per_day"] / (24 * 60 * 60)

    @property
    def load(self) -> float:
        if self.batch:
            return self.s["batch_items_per_day"] / 3600 / self.s["batch_window_h"]
        return self.peak - self.peak * self.s["cache_hit_rate"]

    @property
    def replicas(self) -> int:
        usable = self.s["target_utilization"] * self.s["replica_throughput_rps"]
        return _ceil(self.load / usable) + (0 if self.batch else 1)

    @property
    def per_replica(self) -> int:
        need_gb = self.s["model_params_m"] * self.s["bytes_per_param"] * self.s["memory_overhead"]
        return _ceil(need_gb / 1000 / self.s["gpu_memory_gb"])

    @property
    def gpu_hours(self) -> float:
        daily = self.s["batch_window_h"] if self.batch else 24.0
        return self.replicas * self.per_replica * daily * 730 / 24


def serving_mode(s: dict[str, Any]) -> str:
    return "batch" if Plan(s).batch else "online"


def capacity(s: dict[str, Any]) -> dict[str, float]:
    plan = Plan(s)
    return {
        "peak_rps": plan.peak,
        "model_rps": plan.load,
        "replicas": plan.replicas,
        "gpus_per_replica": plan.per_replica,
        "gpus": plan.replicas * plan.per_replica,
    }


def latency_split(s: dict[str, Any]) -> dict[str, float]:
    split = {stage: float(ms) for stage, ms in s["stages_ms"].items()}
    spent = sum(split.values())
    if spent > s["latency_budget_ms"]:
        raise ValueError(f"{spent} ms of stages do not fit the {s['latency_budget_ms']} ms budget")
    split["headroom"] = s["latency_budget_ms"] - spent
    return split


def storage_gb(s: dict[str, Any]) -> float:
    vectors_gb = s["embedding_count"] * s["embedding_dim"] * 4 / 1e9
    logs_gb = s["requests_per_day"] * s["retention_days"] * s["log_bytes_per_request"] / 1e9
    return vectors_gb + logs_gb


def monthly_cost(s: dict[str, Any]) -> dict[str, float]:
    hours = Plan(s).gpu_hours
    storage = storage_gb(s) * s["storage_gb_month_usd"]
    return {
        "gpu_hours": hours,
        "gpu_usd": hours * s["gpu_hour_usd"],
        "storage_usd": storage,
        "total_usd": hours * s["gpu_hour_usd"] + storage,
    }
