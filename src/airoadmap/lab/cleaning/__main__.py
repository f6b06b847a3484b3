"""`python -m airoadmap.lab.cleaning`: make the messy Titanic, or clean a CSV with a spec.

python -m airoadmap.lab.cleaning messify messy_titanic.csv --seed 2024
python -m airoadmap.lab.cleaning clean messy_titanic.csv titanic.toml clean.parquet report.json
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from airoadmap.errors import AiroadmapError


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m airoadmap.lab.cleaning")
    sub = parser.add_subparsers(dest="command", required=True)
    mess = sub.add_parser("messify", help="write the messy Titanic (and its spec) as CSV")
    mess.add_argument("output", type=Path, help="the CSV file to write")
    mess.add_argument("--seed", type=int, default=2024, help="the seed of the faults")
    mess.add_argument(
        "--rows", type=int, default=0, help="resample to this many rows (0: the 1309 as they are)"
    )
    mess.add_argument("--spec", type=Path, help="also copy the Titanic spec (TOML) here")
    tidy = sub.add_parser("clean", help="clean a CSV as a spec says: Parquet and a JSON report")
    tidy.add_argument("input", type=Path)
    tidy.add_argument("spec", type=Path)
    tidy.add_argument("output", type=Path)
    tidy.add_argument("report", type=Path, nargs="?")
    args = parser.parse_args(argv)
    try:
        if args.command == "messify":
            from airoadmap.lab.cleaning import messify
            from airoadmap.lab.cleaning.spec import titanic_spec_path

            clean = messify.titanic_clean()
            if args.rows < 0:
                parser.error(f"--rows must be 0 or a number of rows, not {args.rows}")
            if args.rows:  # a passenger_id column keeps the resampled rows distinct
                clean = messify.resample(clean, args.rows, args.seed)
            messy = messify.make_messy(clean, args.seed)
            args.output.parent.mkdir(parents=True, exist_ok=True)
            messy.frame.to_csv(args.output, index=False)
            if args.spec:
                shutil.copyfile(titanic_spec_path(), args.spec)
            print(f"{args.output}: {len(messy.frame)} messy rows (seed {args.seed})")
        else:
            from airoadmap.lab.cleaning.tool import clean_file

            report = clean_file(args.input, args.spec, args.output, args.report)
            print(
                f"{args.input}: {report['rows_in']} rows in, {report['rows_out']} rows out "
                f"-> {args.output} ({report['seconds']['total']:.2f} s)"
            )
    except (AiroadmapError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
