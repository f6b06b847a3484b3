"""Wrong: read_jsonl numbers the non-blank lines only.

Fails: check_read_jsonl
Says: [3, 4, 5, 6, 7, 9], blank lines skipped but counted
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f if line.strip()]
    records, bad = [], []
    for n, line in enumerate(lines, 1):
        try:
            value = json.loads(line)
        except json.JSONDecodeError:
            bad.append(n)
        else:
            (records.append(value) if isinstance(value, dict) else bad.append(n))
    return records, bad
