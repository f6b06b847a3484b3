"""Back-of-the-envelope design of an AI service (m12-system-design).

`airoadmap show m12-system-design` explains the task; `airoadmap check` grades it;
`airoadmap hint` helps when you are stuck. Set SEED first, then run `python design.py`:
it prints the scenario you design in design.md.

Each function takes one scenario of scenarios.toml, as a dict (the keys of its table, with
`stages_ms` a dict of stage -> milliseconds), and returns the figures of the design. The
checks call them with all three scenarios and with variants of them; design.md is the
written design of the scenario your SEED draws (`python design.py` prints its figures).
"""

from __future__ import annotations

import random
import tomllib
from pathlib import Path
from typing import Any

# Any integer of your own (your birthday as 19950314, say): it draws your scenario.
SEED: int | None = None

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
    # TODO: batch needs both: s["inputs_known_ahead"] and s["max_staleness_h"] of at least
    # BATCH_PERIOD_H.
    raise NotImplementedError("serving_mode")


def capacity(s: Scenario) -> dict[str, float]:
    """{"peak_rps", "model_rps", "replicas", "gpus_per_replica", "gpus"}.

    Online: the model serves the peak requests the cache does not answer, with one spare
    replica (N + 1). Batch: the model scores the day's items within the nightly window; the
    requests read stored answers.
    """
    # TODO: the brief's section "The arithmetic" gives each formula.
    raise NotImplementedError("capacity")


def latency_split(s: Scenario) -> dict[str, float]:
    """Each stage of s["stages_ms"] and "headroom", the budget's milliseconds left over.

    Raises ValueError when the stages alone exceed the budget.
    """
    # TODO
    raise NotImplementedError("latency_split")


def storage_gb(s: Scenario) -> float:
    """The vectors of the index plus the request logs kept for the retention period, in GB."""
    # TODO: float32 vectors; GB = 1e9 bytes.
    raise NotImplementedError("storage_gb")


def monthly_cost(s: Scenario) -> dict[str, float]:
    """{"gpu_hours", "gpu_usd", "storage_usd", "total_usd"} a month, in US dollars.

    Online GPUs run all month; a batch job's GPUs run only for the nightly window.
    """
    # TODO
    raise NotImplementedError("monthly_cost")


if __name__ == "__main__":
    if SEED is None:
        raise SystemExit("Set SEED (top of design.py) to an integer of your own first.")
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
