"""Wrong: read_jsonl keeps JSON that is not an object.

Fails: check_read_jsonl
Says: expected ids 1, 2, 5, 6
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


def read_jsonl(path):
    records, bad = [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError:
                    bad.append(n)
    return records, bad
