"""Speed of the learner's loop, measured side by side in one run.

- `airoadmap check` on m01-katas and m03-linreg (solution files, 10 runs each): median wall
  time as a ratio to `python -c "import numpy"` on the same machine. Goal: at most 3x.
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


def median_time(cmd: list[str], env: dict[str, str], runs: int = RUNS) -> float:
    timed(cmd, env)  # warm the file cache
    return statistics.median(timed(cmd, env) for _ in range(runs))


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
        env = {**os.environ, "AIROADMAP_WORKSPACE": str(ws)}
        env.pop("AIROADMAP_DATABASE_URL", None)
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

        floor = median_time([sys.executable, "-c", "import numpy"], env)
        rows = []
        for eid in ("m01-katas", "m03-linreg"):
            t = median_time([str(BIN / "airoadmap"), "check", eid], env)
            rows.append({"what": f"airoadmap check {eid}", "median_s": t, "ratio": t / floor})
        target = w.exercise_path(cur, cur.exercises["m01-katas"]) / "katas.py"
        lat = watch_latency(env, target, "m01-katas")
        rows.append(
            {
                "what": "watch: save -> result (m01-katas)",
                "median_s": statistics.median(lat),
                "ratio": statistics.median(lat) / floor,
            }
        )

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
    }
    (RESULTS / "check_speed.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [
        f'Median of {RUNS} runs on {result["machine"]}; floor `python -c "import numpy"` = '
        f"{floor:.3f} s (goal: check at most {GOAL_RATIO:g}x the floor, watch re-check under "
        f"{GOAL_WATCH_S} s).",
        "",
        "| what | median (s) | ratio to floor | goal met |",
        "|---|---|---|---|",
    ]
    for r in rows:
        met = (
            r["median_s"] < GOAL_WATCH_S
            if r["what"].startswith("watch")
            else r["ratio"] <= GOAL_RATIO
        )
        lines.append(
            f"| {r['what']} | {r['median_s']:.3f} | {r['ratio']:.2f}x | {'yes' if met else 'no'} |"
        )
    table = "\n".join(lines) + "\n"
    (RESULTS / "check_speed.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
