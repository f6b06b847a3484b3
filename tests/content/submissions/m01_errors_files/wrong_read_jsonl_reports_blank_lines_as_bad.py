"""Wrong: read_jsonl reports blank lines as bad.

Fails: check_read_jsonl
Says: [3, 4, 5, 6, 7, 8, 9, 11], blank lines skipped
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


def read_jsonl(path):
    records, bad = [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                value = json.loads(line)
            except json.JSONDecodeError:
                bad.append(n)
            else:
                (records.append(value) if isinstance(value, dict) else bad.append(n))
    return records, bad
