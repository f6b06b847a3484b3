"""Copy every benchmarks/results/*.md table into README.md, between the bench markers.

Run by `make bench` after the benchmarks, so the README quotes the result files as written.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
ORDER = [
    "check_speed",
    "dashboard",
    "linreg",
    "cleaning",
    "eda",
    "titanic",
    "spam",
    "kmeans",
    "pipeline",
    "m07_cnn",
    "m07_cifar10",
]


def main() -> None:
    results = ROOT / "benchmarks" / "results"
    names = sorted(p.stem for p in results.glob("*.md"))
    names = [n for n in ORDER if n in names] + [n for n in names if n not in ORDER]
    parts = [f"### {name}\n\n{(results / f'{name}.md').read_text().strip()}\n" for name in names]
    readme = ROOT / "README.md"
    text = readme.read_text()
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{START}\n" + "\n".join(parts) + f"{END}{tail}")
    print(f"README.md: {len(parts)} benchmark tables")


if __name__ == "__main__":
    main()
