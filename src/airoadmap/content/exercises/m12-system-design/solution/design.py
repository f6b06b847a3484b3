"""Back-of-the-envelope design of an AI service (m12-system-design).

Each function takes one scenario of scenarios.toml, as a dict (the keys of its table, with
`stages_ms` a dict of stage -> milliseconds), and returns the figures of the design. The
checks call them with all three scenarios and with variants of them; design.md is the
written design of the scenario your SEED draws (`python design.py` prints its figures).
"""

from __future__ import annotations

import math
import random
import tomllib
from pathlib import Path
from typing import Any

# Any integer of your own (your birthday as 19950314, say): it draws your scenario.
SEED = 20261205

SCENARIO_IDS = ("moderation", "recommendation", "search")
SECONDS_PER_DAY = 86_400
HOURS_PER_MONTH = 730.0  # 365 days x 24 hours / 12 months
BATCH_PERIOD_H = 24.0  # a batch job runs once a night
BYTES_PER_VALUE = 4  # float32 vectors

Scenario = dict[str, Any]


def drawn_scenario(seed: int) -> str:
    """The id of the scenario a seed draws (keep this function as it is)."""
    return random.Random(seed).choice(SCENARIO_IDS)


def load_scenarios(path: Path | None = None) -> dict[str, Scenario]:
    """The scenarios of scenarios.toml (next to this file unless `path` says otherwise)."""
    path = path or Path(__file__).with_name("scenarios.toml")
    with path.open("rb") as handle:
        return tomllib.load(handle)


def serving_mode(s: Scenario) -> str:
    """The serving mode: "batch" when the inputs are known ahead and a night-old answer is
    fresh enough, "online" otherwise."""
    if s["inputs_known_ahead"] and s["max_staleness_h"] >= BATCH_PERIOD_H:
        return "batch"
    return "online"


def capacity(s: Scenario) -> dict[str, float]:
    """Peak traffic, the rate the model must sustain, replicas, GPUs per replica and GPUs.

    Online: the model serves the peak requests the cache does not answer, with one spare
    replica (N + 1). Batch: the model scores the day's items within the nightly window; the
    requests read stored answers.
    """
    peak_rps = s["requests_per_day"] / SECONDS_PER_DAY * s["peak_factor"]
    online = serving_mode(s) == "online"
    if online:
        model_rps = peak_rps * (1 - s["cache_hit_rate"])
    else:
        model_rps = s["batch_items_per_day"] / (s["batch_window_h"] * 3600)
    replicas = math.ceil(model_rps / (s["replica_throughput_rps"] * s["target_utilization"]))
    if online:
        replicas += 1
    model_gb = s["model_params_m"] * 1e6 * s["bytes_per_param"] * s["memory_overhead"] / 1e9
    gpus_per_replica = math.ceil(model_gb / s["gpu_memory_gb"])
    return {
        "peak_rps": peak_rps,
        "model_rps": model_rps,
        "replicas": replicas,
        "gpus_per_replica": gpus_per_replica,
        "gpus": replicas * gpus_per_replica,
    }


def latency_split(s: Scenario) -> dict[str, float]:
    """The latency budget split: each stage's milliseconds and the headroom left over.

    Raises ValueError when the stages alone exceed the budget.
    """
    stages = dict(s["stages_ms"])
    headroom = s["latency_budget_ms"] - sum(stages.values())
    if headroom < 0:
        raise ValueError(
            f"the stages take {sum(stages.values()):g} ms, over the latency budget of "
            f"{s['latency_budget_ms']:g} ms: make a stage faster or ask for a larger budget"
        )
    return {**stages, "headroom": headroom}


def storage_gb(s: Scenario) -> float:
    """The vectors of the index plus the request logs kept for the retention period, in GB."""
    vectors = s["embedding_count"] * s["embedding_dim"] * BYTES_PER_VALUE
    logs = s["requests_per_day"] * s["log_bytes_per_request"] * s["retention_days"]
    return (vectors + logs) / 1e9


def monthly_cost(s: Scenario) -> dict[str, float]:
    """GPU hours a month, their cost, the storage's cost and the total, in US dollars.

    Online GPUs run all month; a batch job's GPUs run only for the nightly window.
    """
    hours = HOURS_PER_MONTH
    if serving_mode(s) == "batch":
        hours = s["batch_window_h"] * HOURS_PER_MONTH / 24
    gpu_hours = capacity(s)["gpus"] * hours
    gpu_usd = gpu_hours * s["gpu_hour_usd"]
    storage_usd = storage_gb(s) * s["storage_gb_month_usd"]
    return {
        "gpu_hours": gpu_hours,
        "gpu_usd": gpu_usd,
        "storage_usd": storage_usd,
        "total_usd": gpu_usd + storage_usd,
    }


if __name__ == "__main__":
    name = drawn_scenario(SEED)
    scenario = load_scenarios()[name]
    print(f"Scenario: {name} ({scenario['title']})")
    print(scenario["story"])
    print(f"serving mode: {serving_mode(scenario)}")
    for key, value in capacity(scenario).items():
        print(f"{key}: {value:,}" if isinstance(value, int) else f"{key}: {value:,.1f}")
    print(f"latency split (ms): {latency_split(scenario)}")
    print(f"storage (GB): {storage_gb(scenario):,.1f}")
    for key, value in monthly_cost(scenario).items():
        print(f"{key}: {value:,.2f}")
