"""Checks of m12-system-design: the arithmetic of a design, then the written design.

design.py's functions are called with each of the three scenarios of scenarios.toml (the copy
shipped with the exercise, never the learner's) and with two variants whose serving mode is
flipped, and compared with the checks' own computation below. design.md is the design of
the scenario the learner's SEED draws: its sections must exist and say enough (a word count,
the words each section must use), and its capacity table must state the figures the checks
compute for that scenario, to within the rounding of a hand-written document. No library
beyond the standard one: grading takes well under a second.
"""

from __future__ import annotations

import copy
import math
import random
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

from airoadmap.grading.api import Context, check, expect, expect_close, expect_raises, fail

MODULE = "design"
DOC = "design.md"
SCENARIO_IDS = ("moderation", "recommendation", "search")
with (Path(__file__).parent / "starter" / "scenarios.toml").open("rb") as _handle:
    SCENARIOS: dict[str, dict[str, Any]] = tomllib.load(_handle)

DRAWS_TRIED = 30  # seeds 0-29, beside SEED, on which drawn_scenario must be the checks' draw
SECONDS_PER_DAY = 86_400
HOURS_PER_MONTH = 730.0  # 365 x 24 / 12
BATCH_PERIOD_H = 24.0  # a nightly job: answers up to a day old
FLOAT32_BYTES = 4
GB = 1e9
RTOL = 1e-6  # the functions: the same arithmetic, up to floating-point order
DOC_RTOL = 0.01  # the document: figures rounded by hand
DOC_ATOL = 0.05

# The written sections: each needs MIN_WORDS words, MIN_DISTINCT of them different, and the
# words listed (any case); "serving" also the drawn scenario's mode. "capacity" holds the table.
MIN_WORDS = 40
MIN_DISTINCT = 25
MIN_RISKS = 3  # failure modes, one list item each
SECTIONS: dict[str, tuple[str, ...]] = {
    "requirements": ("peak", "latency"),
    "data": ("retention",),
    "model": ("parameter", "gpu"),
    "serving": ("cache",),
    "capacity": (),
    "monitoring": ("latency", "drift", "alert"),
    "risks": ("fallback",),
    "cost": ("month",),
}
PLACEHOLDER = "TODO"
FIGURES = {
    "serving mode": "mode",
    "peak requests/s": "peak_rps",
    "model requests/s": "model_rps",
    "replicas": "replicas",
    "gpus per replica": "gpus_per_replica",
    "gpus": "gpus",
    "latency headroom (ms)": "headroom",
    "storage (gb)": "storage_gb",
    "cost per month (usd)": "total_usd",
}
WHOLE = ("replicas", "gpus_per_replica", "gpus")


# --- the checks' own computation --------------------------------------------------------------


def _mode(s: dict[str, Any]) -> str:
    fresh_enough = s["max_staleness_h"] >= BATCH_PERIOD_H
    return "batch" if s["inputs_known_ahead"] and fresh_enough else "online"


def _expected(s: dict[str, Any]) -> dict[str, Any]:
    """Every figure of a design of scenario `s`."""
    mode = _mode(s)
    peak = s["requests_per_day"] * s["peak_factor"] / SECONDS_PER_DAY
    if mode == "online":
        load, spare, hours = peak * (1 - s["cache_hit_rate"]), 1, HOURS_PER_MONTH
    else:
        window_s = s["batch_window_h"] * 3600
        load, spare = s["batch_items_per_day"] / window_s, 0
        hours = HOURS_PER_MONTH / 24 * s["batch_window_h"]
    replicas = math.ceil(load / s["replica_throughput_rps"] / s["target_utilization"]) + spare
    on_gpu = s["model_params_m"] * 1e6 * s["bytes_per_param"] * s["memory_overhead"]
    per_replica = math.ceil(on_gpu / GB / s["gpu_memory_gb"])
    storage = (
        s["embedding_count"] * s["embedding_dim"] * FLOAT32_BYTES / GB
        + s["requests_per_day"] * s["retention_days"] * s["log_bytes_per_request"] / GB
    )
    gpu_hours = replicas * per_replica * hours
    gpu_usd = s["gpu_hour_usd"] * gpu_hours
    storage_usd = s["storage_gb_month_usd"] * storage
    return {
        "mode": mode,
        "peak_rps": peak,
        "model_rps": load,
        "replicas": replicas,
        "gpus_per_replica": per_replica,
        "gpus": replicas * per_replica,
        "headroom": s["latency_budget_ms"] - sum(s["stages_ms"].values()),
        "storage_gb": storage,
        "gpu_hours": gpu_hours,
        "gpu_usd": gpu_usd,
        "storage_usd": storage_usd,
        "total_usd": gpu_usd + storage_usd,
    }


def _variant(base: str, **changes: Any) -> dict[str, Any]:
    scenario = copy.deepcopy(SCENARIOS[base])
    scenario.update(changes)
    return scenario


# The scenarios as shipped, two whose serving mode is flipped, and one where staleness alone
# would allow batch: every formula is tried under both modes, with and without a cache, with
# one GPU and with two per replica.
CASES: dict[str, dict[str, Any]] = {f"scenario {k!r}": SCENARIOS[k] for k in SCENARIO_IDS}
CASES["'moderation' with inputs known ahead and a day's staleness allowed"] = _variant(
    "moderation", inputs_known_ahead=True, max_staleness_h=24.0
)
CASES["'recommendation' with lists at most 1 h old"] = _variant(
    "recommendation", max_staleness_h=1.0
)
CASES["'search' with answers a day old allowed"] = _variant("search", max_staleness_h=24.0)
EXACT_BUDGET_MS = 2280.0  # the search stages then take 2500 ms, the whole budget
EXACT_BUDGET = _variant(
    "search", stages_ms={**SCENARIOS["search"]["stages_ms"], "generation": EXACT_BUDGET_MS}
)
OVER_BUDGET = _variant(
    "search", stages_ms={**SCENARIOS["search"]["stages_ms"], "generation": 2400.0}
)


def drawn(seed: int) -> str:
    """The scenario a seed draws."""
    return random.Random(seed).choice(SCENARIO_IDS)


# --- running the learner's code ---------------------------------------------------------------


def _design(ctx: Context) -> ModuleType:
    return ctx.load(MODULE)


def _function(ctx: Context, name: str) -> Callable[..., Any]:
    func = getattr(_design(ctx), name, None)
    if not callable(func):
        fail(f"design.py defines no function {name}(): keep the starter's names.")
    return func


def _call(ctx: Context, name: str, scenario: dict[str, Any]) -> Any:
    """The learner's function on a copy of the scenario (it may not change the checks')."""
    return _function(ctx, name)(copy.deepcopy(scenario))


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool):
        fail(f"{what} is {value!r}: return a number.")
    try:
        return float(value)
    except (TypeError, ValueError):
        fail(f"{what} is {value!r}: return a number.")


def _table(value: Any, what: str, keys: tuple[str, ...], *, exact: bool = False) -> dict[str, Any]:
    expect(
        isinstance(value, dict),
        f"{what} returned {type(value).__name__}: return a dict with the keys {list(keys)}.",
    )
    missing = [k for k in keys if k not in value]
    expect(not missing, f"{what} has no key {missing}: return a dict with the keys {list(keys)}.")
    extra = sorted(set(map(str, value)) - set(keys))
    expect(not (exact and extra), f"{what} has keys no one asked for: {extra}.")
    return value


def _close(value: Any, expected: float, what: str, whole: bool = False) -> None:
    number = _number(value, what)
    if whole:
        expect(
            number == expected,
            f"{what} is {number:g}, expected {expected:g}: counts are whole, rounded up "
            "(math.ceil: 4.2 replicas' worth of load needs 5), and an online service has one "
            "spare replica.",
        )
        return
    expect_close(number, expected, what=what, rtol=RTOL)


# --- the arithmetic ---------------------------------------------------------------------------


@check("serving_mode: batch when inputs are known ahead and a day-old answer will do", hint="mode")
def serving_mode_follows_needs(ctx: Context) -> None:
    for label, scenario in CASES.items():
        mode = _call(ctx, "serving_mode", scenario)
        expected = _mode(scenario)
        expect(
            mode == expected,
            f"serving_mode on {label} returned {mode!r}, expected {expected!r} (inputs known "
            f"ahead: {scenario['inputs_known_ahead']}, staleness allowed: "
            f"{scenario['max_staleness_h']:g} h; a nightly job answers up to "
            f"{BATCH_PERIOD_H:g} h late).",
        )


@check(
    "capacity: peak requests/s, the model's load, replicas, GPUs per replica, GPUs",
    hint="capacity",
)
def capacity_matches(ctx: Context) -> None:
    keys = ("peak_rps", "model_rps", "replicas", "gpus_per_replica", "gpus")
    for label, scenario in CASES.items():
        found = _table(_call(ctx, "capacity", scenario), f"capacity on {label}", keys)
        expected = _expected(scenario)
        for key in keys:
            _close(
                found[key],
                expected[key],
                f"capacity(...)[{key!r}] on {label} ({expected['mode']})",
                whole=key in WHOLE,
            )


@check("latency_split: each stage and the headroom add up to the budget", hint="latency")
def latency_split_adds_up(ctx: Context) -> None:
    for label, scenario in CASES.items():
        keys = (*scenario["stages_ms"], "headroom")
        found = _table(
            _call(ctx, "latency_split", scenario), f"latency_split on {label}", keys, exact=True
        )
        for stage, ms in scenario["stages_ms"].items():
            _close(found[stage], ms, f"latency_split(...)[{stage!r}] on {label}")
        _close(
            found["headroom"],
            _expected(scenario)["headroom"],
            f"latency_split(...)['headroom'] on {label}",
        )
    try:
        full = _call(ctx, "latency_split", EXACT_BUDGET)
    except ValueError as err:
        fail(
            f"latency_split on 'search' with {EXACT_BUDGET_MS:g} ms of generation (stages "
            f"that take the whole budget of {EXACT_BUDGET['latency_budget_ms']:g} ms) raised "
            f"ValueError({str(err)!r}): a budget met exactly is met; the headroom is 0."
        )
    found = _table(full, "latency_split on 'search' with the budget met exactly", ("headroom",))
    _close(found["headroom"], 0.0, "latency_split(...)['headroom'] with the budget met exactly")
    stages = OVER_BUDGET["stages_ms"]
    expect_raises(
        ValueError,
        _call,
        ctx,
        "latency_split",
        OVER_BUDGET,
        call=f"latency_split on 'search' with stages of {sum(stages.values()):g} ms and a "
        f"budget of {OVER_BUDGET['latency_budget_ms']:g} ms",
        mentions=("budget",),
        problem="the stages exceed the latency budget",
    )


@check("storage_gb: the index's vectors and the logs kept for the retention period", hint="storage")
def storage_matches(ctx: Context) -> None:
    for label, scenario in CASES.items():
        _close(
            _call(ctx, "storage_gb", scenario),
            _expected(scenario)["storage_gb"],
            f"storage_gb on {label}",
        )


@check("monthly_cost: GPU hours, their cost, storage and the total", hint="cost")
def monthly_cost_matches(ctx: Context) -> None:
    keys = ("gpu_hours", "gpu_usd", "storage_usd", "total_usd")
    for label, scenario in CASES.items():
        found = _table(_call(ctx, "monthly_cost", scenario), f"monthly_cost on {label}", keys)
        expected = _expected(scenario)
        for key in keys:
            _close(
                found[key],
                expected[key],
                f"monthly_cost(...)[{key!r}] on {label} ({expected['mode']})",
            )


# --- the written design -----------------------------------------------------------------------


def _sections(text: str) -> dict[str, str]:
    """The document's `## ` sections: the first word of the heading (lower case) -> body."""
    found: dict[str, str] = {}
    name = ""
    for line in text.splitlines():
        if line.startswith("## "):
            words = re.findall(r"[a-z]+", line[3:].lower())
            name = words[0] if words else ""
            found.setdefault(name, "")
        elif name:
            found[name] += line + "\n"
    return found


def _untouched(path: Path, text: str) -> NoReturn:
    """Read NOT_ATTEMPTED, as a starter function that still raises NotImplementedError: the
    error is raised at the template's first TODO line, in the learner's design.md (the
    grader counts a NotImplementedError as not attempted only where the learner's files
    raise it)."""
    line = next(i for i, row in enumerate(text.splitlines(), 1) if PLACEHOLDER in row)
    code = "\n" * (line - 1) + "raise NotImplementedError('design.md is still the template')"
    exec(compile(code, str(path), "exec"), {})
    raise AssertionError("unreachable")


def _document(ctx: Context) -> tuple[str, str, dict[str, str]]:
    """(the drawn scenario's id, the text, its sections); NOT_ATTEMPTED while every section
    is still the starter's placeholder."""
    design = _design(ctx)  # first: SEED, and what a held-back submission prepares
    path = ctx.path(DOC)
    expect(
        path.is_file(),
        f"{DOC} is missing from the exercise folder: `airoadmap reset` restores the template.",
    )
    text = path.read_text(encoding="utf-8")
    sections = _sections(text)
    written = [n for n, body in sections.items() if PLACEHOLDER not in body]
    if sections and not written:
        _untouched(path, text)
    seed = getattr(design, "SEED", None)
    expect(
        isinstance(seed, int) and not isinstance(seed, bool),
        f"design.py's SEED is {seed!r}: set it to an integer of your own; it draws the scenario "
        "your design.md describes.",
    )
    assert isinstance(seed, int)
    return drawn(seed), text, sections


@check("design.md: every section is written and uses its terms", hint="doc")
def document_sections(ctx: Context) -> None:
    scenario, _, sections = _document(ctx)
    mode = _mode(SCENARIOS[scenario])
    for name, terms in SECTIONS.items():
        expect(
            name in sections,
            f"{DOC} has no section '## {name.capitalize()}': keep the template's sections "
            f"({', '.join(SECTIONS)}).",
        )
        body = sections[name]
        expect(
            PLACEHOLDER not in body, f"{DOC}'s section '{name}' still says {PLACEHOLDER}: write it."
        )
        if name == "capacity":
            continue
        words = re.findall(r"[a-z]+(?:['-][a-z]+)*", body.lower())
        expect(
            len(words) >= MIN_WORDS and len(set(words)) >= MIN_DISTINCT,
            f"{DOC}'s section '{name}' has {len(words)} words ({len(set(words))} different): "
            f"write at least {MIN_WORDS}, {MIN_DISTINCT} of them different (the brief's rubric "
            "says what each section must answer).",
        )
        needed = (*terms, mode) if name == "serving" else terms
        missing = [t for t in needed if t not in body.lower()]
        expect(
            not missing,
            f"{DOC}'s section '{name}' never says {missing}: "
            + (
                f"scenario {scenario!r} is served {mode}: say so, and why. "
                if mode in missing
                else ""
            )
            + "The brief's rubric lists what each section must cover.",
        )
        if name == "risks":
            items = re.findall(r"^\s*(?:[-*+]|\d+[.)])\s+\S", body, flags=re.MULTILINE)
            expect(
                len(items) >= MIN_RISKS,
                f"{DOC}'s section 'risks' lists {len(items)} failure modes: list at least "
                f"{MIN_RISKS}, one item each ('- ...'), each with what the service does then.",
            )


def _figure(cell: str) -> float | str:
    text = cell.strip().replace(",", "").replace("$", "").strip()
    try:
        return float(text)
    except ValueError:
        return text.lower()


@check("design.md: the drawn scenario, and its figures as the checks compute them", hint="figures")
def document_figures(ctx: Context) -> None:
    scenario, text, sections = _document(ctx)
    seed = _design(ctx).SEED
    draw = getattr(_design(ctx), "drawn_scenario", None)
    expect(callable(draw), "design.py defines no drawn_scenario(): keep the starter's.")
    assert callable(draw)
    for tried in (seed, *range(DRAWS_TRIED)):
        expect(
            draw(tried) == drawn(tried),
            f"design.py's drawn_scenario({tried}) returns {draw(tried)!r}, the checks draw "
            f"{drawn(tried)!r} for that seed: keep the starter's drawn_scenario as it is.",
        )
    load = getattr(_design(ctx), "load_scenarios", None)
    expect(
        callable(load) and load() == SCENARIOS,
        "design.py's load_scenarios() does not give the scenarios shipped with the exercise: "
        "leave scenarios.toml and load_scenarios as the starter has them (the checks, and "
        "your design, use the shipped figures).",
    )
    named = re.search(r"^scenario:\s*([a-z]+)", text, flags=re.IGNORECASE | re.MULTILINE)
    expect(named is not None, f"{DOC} has no line 'Scenario: {scenario}' under its title.")
    assert named is not None
    expect(
        named.group(1).lower() == scenario,
        f"{DOC} describes the scenario {named.group(1)!r}, but SEED = {seed} draws "
        f"{scenario!r}: design that one (`python design.py` prints its figures).",
    )
    table: dict[str, float | str] = {}
    for line in sections.get("capacity", "").splitlines():
        cells = line.strip().strip("|").split("|")
        if len(cells) == 2:
            table[cells[0].strip().lower()] = _figure(cells[1])
    expected = _expected(SCENARIOS[scenario])
    for label, key in FIGURES.items():
        expect(
            label in table,
            f"{DOC}'s capacity table has no row '{label}': the brief lists its rows "
            f"({', '.join(FIGURES)}).",
        )
        stated, value = table[label], expected[key]
        if key == "mode":
            expect(
                stated == value,
                f"{DOC} says the serving mode is {stated!r}; scenario "
                f"{scenario!r} calls for {value!r}.",
            )
            continue
        expect(
            isinstance(stated, float),
            f"{DOC}'s row '{label}' holds {stated!r}: write the number alone (1,234.5).",
        )
        assert isinstance(stated, float)
        close = (
            stated == value
            if key in WHOLE
            else math.isclose(stated, value, rel_tol=DOC_RTOL, abs_tol=DOC_ATOL)
        )
        expect(
            close,
            f"{DOC} says {label} = {stated:g}; the checks compute {value:,.2f} for scenario "
            f"{scenario!r}: a design states the figures its arithmetic gives.",
        )
