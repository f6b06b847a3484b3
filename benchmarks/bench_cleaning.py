"""The reference cleaning tool (m01-cleaning) on a million messy rows, against plain pandas.

    .venv/bin/python benchmarks/bench_cleaning.py [--rows 1000000] [--rounds 1]

Makes the data here: the registry's Titanic resampled to `--rows` rows (a `passenger_id`
keeps them distinct), made messy with `make_messy` (seed 1), written as CSV with the spec.
Then, in interleaved rounds, one fresh process per variant (so each one's peak memory is its
own), the same CSV to Parquet:

- tool: `airoadmap.lab.cleaning.tool.clean_file` (validated spec, the exercise's rules, the
  per-rule report, atomic writes);
- plain pandas: the same rules hard-coded, the same vectorised operations, no spec, no
  counts: what the tool costs over a one-off script;
- plain pandas, Python regex: that script with the regular expressions as usually written,
  `\\s+` and `\\d`, and one `str.extract` over every cell: pandas 3 runs `\\s` (and `\\d` on
  non-ASCII text, such as a column holding "£") in Python, cell by cell, the others in pyarrow.

Every variant's output must equal the tool's, and the tool's must equal the known clean data.
Writes benchmarks/results/cleaning.{json,md}: seconds (read, clean, write, total), peak RSS
(VmHWM) of the process and above its imports, ratios to plain pandas.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
VARIANTS = ("tool", "plain", "plain-python-regex")
LABELS = {
    "tool": "tool (spec, report)",
    "plain": "plain pandas, same rules",
    "plain-python-regex": "plain pandas, Python regex",
}
# No bounds on the id: an impossible id, made missing, would turn two draws of the same
# passenger into duplicates.
EXTRA_COLUMN = '\n[[columns]]\nname = "passenger_id"\ntype = "integer"\n'

MARKERS = {"", "?", "-", "na", "n/a", "nan", "null", "none", "unknown"}
TEXT = ("name", "ticket", "cabin", "home_dest")
CATEGORIES = {
    "sex": (["female", "male"], {"f": "female", "m": "male", "woman": "female", "man": "male"}),
    "embarked": (["C", "Q", "S"], {"cherbourg": "C", "queenstown": "Q", "southampton": "S"}),
}
INTEGERS = {"passenger_id": (None, None), "pclass": (1, 3), "survived": (0, 1)}
INTEGERS |= {"sibsp": (0, 10), "parch": (0, 10)}
FLOATS = {"age": (0, 100), "fare": (0, 1000)}
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %b %Y", "%B %d, %Y"]
WHITESPACE = "[ \t\n\r\f\v\u00a0]+"
PLAIN_NUMBER = r"[-+]?[0-9]+(\.[0-9]+)?"
NUMBER = (
    r"^[^0-9.+-]*(?P<number>[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|[-+]?\.[0-9]+)"
    r"[^0-9]*$"
)
# The same, as usually written: \d and \s. On non-ASCII data (a "£" in the column) pandas 3
# runs \d in Python; \s always.
NUMBER_D = r"^[^\d.+-]*(?P<number>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+)[^\d]*$"


# --- the child: one variant in its own process ---------------------------------------------


def _peak_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries a parent's
    ru_maxrss over fork and exec, so a child of the big parent would report the parent's."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024)  # macOS: bytes


def _cpu_s() -> float:
    """CPU seconds of this process, all threads: less sensitive than wall time to other load."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def plain_clean(df: Any, python_regex: bool) -> Any:
    """The Titanic spec's rules, hard-coded: what a one-off pandas script does."""
    import pandas as pd

    ws = r"\s+" if python_regex else WHITESPACE
    for c in df.columns:
        df[c] = df[c].mask(df[c].str.strip().str.lower().isin(MARKERS))
    for c in TEXT:
        df[c] = df[c].str.replace(ws, " ", regex=True).str.strip()
    for c, (categories, aliases) in CATEGORIES.items():
        lookup = {x.lower(): x for x in categories} | aliases
        key = df[c].str.replace(ws, " ", regex=True).str.strip().str.lower()
        df[c] = pd.Categorical(key.map(lookup), categories=categories)
    for c, (low, high) in (INTEGERS | FLOATS).items():
        text = df[c].str.strip()
        if python_regex:
            number = text.str.extract(NUMBER_D, expand=False)
            values = number.str.replace(",", "", regex=False).astype("float64")
        else:
            plain = text.str.fullmatch(PLAIN_NUMBER).fillna(False).astype(bool)
            values = text.where(plain).astype("float64")
            rest = text.notna() & ~plain
            number = text[rest].str.extract(NUMBER, expand=False)
            values[rest] = number.str.replace(",", "", regex=False).astype("float64")
        if c in INTEGERS:
            values = values.where(values % 1 == 0).astype("Int64")
        if low is not None and high is not None:
            values = values.mask(((values < low) | (values > high)).fillna(False).astype(bool))
        df[c] = values
    text = df["ticket_date"].str.strip()
    dates = pd.to_datetime(text, format=DATE_FORMATS[0], errors="coerce")
    for fmt in DATE_FORMATS[1:]:
        todo = dates.isna() & text.notna()
        dates[todo] = pd.to_datetime(text[todo], format=fmt, errors="coerce")
    df["ticket_date"] = dates
    df = df.drop_duplicates(ignore_index=True)
    age = df["age"]
    q1, q3 = age.quantile([0.25, 0.75])
    df["age_outlier"] = ((age < q1 - 1.5 * (q3 - q1)) | (age > q3 + 1.5 * (q3 - q1))).astype(bool)
    fare = df["fare"]
    df["fare_outlier"] = ((fare - fare.mean()).abs() > 3.0 * fare.std()).astype(bool)
    return df


def child(variant: str, csv: Path, spec: Path, out: Path) -> dict[str, Any]:
    """Run one variant; returns its timings and memory."""
    import pandas as pd
    import pyarrow  # noqa: F401  (imported up front, like the tool does when it writes)

    if variant == "tool":
        from airoadmap.lab.cleaning.tool import clean_file, rules

        rules()  # the solution's module, loaded before the clock starts
    base_mb = _peak_mb()
    cpu_started = _cpu_s()
    started = time.perf_counter()
    if variant == "tool":
        report = clean_file(csv, spec, out, out.with_suffix(".json"))
        seconds = {k: report["seconds"][k] for k in ("read", "clean")}
        seconds["write"] = report["seconds"]["total"] - seconds["read"] - seconds["clean"]
    else:
        df = pd.read_csv(csv, dtype=str, keep_default_na=False)
        read = time.perf_counter() - started
        df = plain_clean(df, python_regex=variant == "plain-python-regex")
        clean = time.perf_counter() - started - read
        df.to_parquet(out, index=False)
        seconds = {"read": read, "clean": clean}
        seconds["write"] = time.perf_counter() - started - read - clean
    seconds["total"] = time.perf_counter() - started
    seconds["cpu"] = _cpu_s() - cpu_started
    peak = _peak_mb()
    return {"seconds": seconds, "peak_rss_mb": peak, "above_imports_mb": peak - base_mb}


# --- the parent -----------------------------------------------------------------------------


def make_data(rows: int, folder: Path) -> dict[str, Any]:
    """The messy CSV and its spec in `folder`; returns what the checks need and timings."""
    from airoadmap.lab.cleaning.messify import make_messy, resample, titanic_clean
    from airoadmap.lab.cleaning.spec import titanic_spec_path

    spec_text = titanic_spec_path().read_text(encoding="utf-8") + EXTRA_COLUMN
    (folder / "spec.toml").write_text(spec_text, encoding="utf-8")
    from airoadmap.lab.cleaning.spec import load_spec

    spec = load_spec(folder / "spec.toml").as_dict()
    started = time.perf_counter()
    messy = make_messy(resample(titanic_clean(), rows, seed=0), seed=1, spec=spec)
    made = time.perf_counter() - started
    messy.frame.to_csv(folder / "messy.csv", index=False)
    written = time.perf_counter() - started - made
    return {"messy": messy, "make_s": made, "write_csv_s": written}


def run_variant(variant: str, folder: Path) -> dict[str, Any]:
    out = folder / f"{variant}.parquet"
    cmd = [sys.executable, __file__, "--child", variant, "--folder", str(folder)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{variant} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["output"] = str(out)
    return result


def machine() -> dict[str, Any]:
    import pandas as pd
    import pyarrow

    from airoadmap.lab.machine import cpu_name

    return {
        "cpu": cpu_name(),
        "cores": os.cpu_count(),
        "system": f"{platform.system()} {platform.machine()}",
        "python": platform.python_version(),
        "pandas": pd.__version__,
        "pyarrow": pyarrow.__version__,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        folder = args.folder
        result = child(
            args.child, folder / "messy.csv", folder / "spec.toml", folder / f"{args.child}.parquet"
        )
        print(json.dumps(result))
        return

    import pandas as pd

    from airoadmap.lab.cleaning.compare import column_agreement, overall

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="airoadmap-bench-cleaning-") as tmp:
        folder = Path(tmp)
        data = make_data(args.rows, folder)
        messy = data["messy"]
        csv_mb = (folder / "messy.csv").stat().st_size / 1e6
        print(
            f"{len(messy.frame):,} messy rows ({csv_mb:.0f} MB CSV): made in "
            f"{data['make_s']:.1f} s, written in {data['write_csv_s']:.1f} s"
        )
        runs: dict[str, list[dict[str, Any]]] = {v: [] for v in VARIANTS}
        for _ in range(args.rounds):
            for variant in VARIANTS:
                runs[variant].append(run_variant(variant, folder))
                last = runs[variant][-1]
                print(
                    f"  {LABELS[variant]:30s} {last['seconds']['total']:6.1f} s "
                    f"(CPU {last['seconds']['cpu']:5.1f} s), peak {last['peak_rss_mb']:6.0f} MB"
                )
        tool = pd.read_parquet(folder / "tool.parquet")
        same_output = {}
        for variant in VARIANTS[1:]:
            other = pd.read_parquet(folder / f"{variant}.parquet")
            try:
                pd.testing.assert_frame_equal(tool, other, check_like=False)
                same_output[variant] = True
            except AssertionError as exc:
                print(f"  {variant} differs from the tool: {str(exc).splitlines()[0]}")
                same_output[variant] = False
        agreement = overall(column_agreement(tool, messy.expected_output()))
        rows_out = len(tool)
    load_after = os.getloadavg()[0]

    def median(variant: str, *keys: str) -> float:
        values = []
        for run in runs[variant]:
            value: Any = run
            for key in keys:
                value = value[key]
            values.append(float(value))
        return statistics.median(values)

    summary = {
        v: {
            "seconds": {
                k: median(v, "seconds", k) for k in ("read", "clean", "write", "total", "cpu")
            },
            "peak_rss_mb": median(v, "peak_rss_mb"),
            "above_imports_mb": median(v, "above_imports_mb"),
            "same_output_as_tool": same_output.get(v, True),
        }
        for v in VARIANTS
    }
    plain = summary["plain"]
    result = {
        "rows_in": len(messy.frame),
        "rows_out": rows_out,
        "csv_mb": round(csv_mb, 1),
        "make_messy_s": data["make_s"],
        "rounds": args.rounds,
        "agreement_with_clean_data": agreement,
        "machine": machine(),
        "load_average": {"before": load_before, "after": load_after},
        "variants": summary,
        "ratios_to_plain": {
            v: {
                "total": summary[v]["seconds"]["total"] / plain["seconds"]["total"],
                "cpu": summary[v]["seconds"]["cpu"] / plain["seconds"]["cpu"],
                "clean": summary[v]["seconds"]["clean"] / plain["seconds"]["clean"],
                "peak_rss": summary[v]["peak_rss_mb"] / plain["peak_rss_mb"],
            }
            for v in VARIANTS
        },
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "cleaning.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "cleaning.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        f"The reference cleaning tool (m01-cleaning) on {result['rows_in']:,} messy Titanic rows "
        f"({result['csv_mb']:.0f} MB of CSV, {result['rows_out']:,} rows out), against plain "
        f"pandas doing the same rules; one process per variant, median of {result['rounds']} "
        "interleaved round(s).",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['system']}; Python {m['python']}, pandas "
        f"{m['pandas']}, pyarrow {m['pyarrow']}; load average "
        f"{result['load_average']['before']:.1f} before, {result['load_average']['after']:.1f} "
        f"after. The tool's output equals the known clean data in "
        f"{result['agreement_with_clean_data']:.2%} of the cells; making the messy data took "
        f"{result['make_messy_s']:.1f} s.",
        "",
        "| variant | read (s) | clean (s) | write (s) | total (s) | CPU (s) | CPU x plain "
        "| peak RSS (MB) | above imports (MB) | RSS x plain | same output |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for variant, row in result["variants"].items():
        s, ratio = row["seconds"], result["ratios_to_plain"][variant]
        lines.append(
            f"| {LABELS[variant]} | {s['read']:.2f} | {s['clean']:.2f} | {s['write']:.2f} | "
            f"{s['total']:.2f} | {s['cpu']:.2f} | {ratio['cpu']:.2f}x | {row['peak_rss_mb']:.0f} | "
            f"{row['above_imports_mb']:.0f} | {ratio['peak_rss']:.2f}x | "
            f"{'yes' if row['same_output_as_tool'] else 'NO'} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
