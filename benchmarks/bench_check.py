"""Speed of the learner's loop, measured side by side in one run.

- `airoadmap check` on m01-katas and m03-linreg (solution files, 10 runs each, interleaved
  with the floor so that a busy machine weighs on both alike): median wall time as a ratio
  to `python -c "import numpy"` on the same machine. Goal: at most 3x. The rows "check"
  are the quick path (`cli/fastcheck.py`: the compiled curriculum is there, as after the
  first check of an installation); "full CLI" rows run the Typer command
  (AIROADMAP_NO_FASTCHECK=1), and "first check" is the one that compiles the curriculum.
- `airoadmap watch`: seconds from a save to the printed result of the re-check. Goal: < 0.5 s.

Writes benchmarks/results/check_speed.{json,md} (copied into README.md by readme_tables.py).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RESULTS = ROOT / "benchmarks" / "results"
RUNS = 10
GOAL_RATIO = 3.0
GOAL_WATCH_S = 0.5


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def median_times(
    commands: dict[str, tuple[list[str], dict[str, str]]], runs: int = RUNS
) -> dict[str, float]:
    """Median wall time of each command, run in turns (after one warm-up run each)."""
    for cmd, env in commands.values():
        timed(cmd, env)  # warm the file cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (cmd, env) in commands.items():
            times[name].append(timed(cmd, env))
    return {name: statistics.median(values) for name, values in times.items()}


def watch_latency(env: dict[str, str], target: Path, exercise: str, saves: int = 5) -> list[float]:
    """Seconds from each save of `target` to the end of the re-check's printed report."""
    proc = subprocess.Popen(
        [str(BIN / "airoadmap"), "watch", exercise, "--limit", str(saves)],
        env={**env, "COLUMNS": "200"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    latencies: list[float] = []
    line = proc.stdout.readline()  # "Watching N files ..."
    if not line.startswith("Watching"):
        raise SystemExit(f"watch did not start: {line}{proc.stdout.read()}")
    text = target.read_text()
    for i in range(saves):
        time.sleep(0.3)
        saved = time.perf_counter()
        target.write_text(text + f"\n# save {i}\n")
        while True:
            line = proc.stdout.readline()
            if not line:
                raise SystemExit("watch ended early")
            if line.startswith(f"{exercise}:"):  # the report's headline: the check is done
                latencies.append(time.perf_counter() - saved)
                break
    proc.wait(timeout=30)
    return latencies


def main() -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="airoadmap-bench-") as tmp:
        ws = Path(tmp) / "ws"
        env = {
            **os.environ,
            "AIROADMAP_WORKSPACE": str(ws),
            "AIROADMAP_CACHE_DIR": str(Path(tmp) / "cache"),
        }
        env.pop("AIROADMAP_DATABASE_URL", None)
        env.pop("AIROADMAP_NO_FASTCHECK", None)
        subprocess.run(
            [str(BIN / "airoadmap"), "init", str(ws)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        from airoadmap.curriculum.loader import curriculum, exercise_dir
        from airoadmap.workspace import Workspace

        cur = curriculum()
        w = Workspace(ws.resolve())
        for eid in ("m01-katas", "m03-linreg"):
            ex = cur.exercises[eid]
            for name in ex.files:
                shutil.copyfile(
                    exercise_dir(eid) / "solution" / name, w.exercise_path(cur, ex) / name
                )

        load_before = os.getloadavg()[0]
        first = timed([str(BIN / "airoadmap"), "check", "m01-katas"], env)  # compiles
        full_env = {**env, "AIROADMAP_NO_FASTCHECK": "1"}
        commands = {"floor": ([sys.executable, "-c", "import numpy"], env)}
        for eid in ("m01-katas", "m03-linreg"):
            commands[f"airoadmap check {eid}"] = ([str(BIN / "airoadmap"), "check", eid], env)
        for eid in ("m01-katas", "m03-linreg"):
            commands[f"airoadmap check {eid} (full CLI)"] = (
                [str(BIN / "airoadmap"), "check", eid],
                full_env,
            )
        medians = median_times(commands)
        floor = medians.pop("floor")
        rows = [{"what": k, "median_s": t, "ratio": t / floor} for k, t in medians.items()]
        rows.append(
            {
                "what": "airoadmap check m01-katas, first check (compiles the curriculum)",
                "median_s": first,
                "ratio": first / floor,
            }
        )
        target = w.exercise_path(cur, cur.exercises["m01-katas"]) / "katas.py"
        lat = watch_latency(env, target, "m01-katas")
        rows.append(
            {
                "what": "watch: save -> result (m01-katas)",
                "median_s": statistics.median(lat),
                "ratio": statistics.median(lat) / floor,
            }
        )
        load_after = os.getloadavg()[0]

    result = {
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
        "runs": RUNS,
        "floor_import_numpy_s": floor,
        "goal_ratio": GOAL_RATIO,
        "goal_watch_s": GOAL_WATCH_S,
        "rows": rows,
        "watch_latencies_s": lat,
        "load_average_1min": [load_before, load_after],
    }
    (RESULTS / "check_speed.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [
        f'Median of {RUNS} runs on {result["machine"]}; floor `python -c "import numpy"` = '
        f"{floor:.3f} s (goal: check at most {GOAL_RATIO:g}x the floor, watch re-check under "
        f"{GOAL_WATCH_S} s; the goal applies to the quick `check` rows). Load average "
        f"{load_before:.1f} before, {load_after:.1f} after, on {os.cpu_count()} cores.",
        "",
        "| what | median (s) | ratio to floor | goal met |",
        "|---|---|---|---|",
    ]
    for r in rows:
        if r["what"].startswith("watch"):
            met = "yes" if r["median_s"] < GOAL_WATCH_S else "no"
        elif "(" in r["what"] or "first" in r["what"]:
            met = "-"  # for comparison: the goal is on the quick path
        else:
            met = "yes" if r["ratio"] <= GOAL_RATIO else "no"
        lines.append(
            f"| {r['what']} | {r['median_s']:.3f} | {r['ratio']:.2f}x | {met} |"
        )
    table = "\n".join(lines) + "\n"
    (RESULTS / "check_speed.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
