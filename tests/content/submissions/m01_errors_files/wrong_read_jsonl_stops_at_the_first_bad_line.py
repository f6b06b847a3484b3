"""Wrong: read_jsonl stops at the first bad line.

Fails: check_read_jsonl
Says: inside the loop
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        lines = [(n, line) for n, line in enumerate(f, 1) if line.strip()]
    return [json.loads(line) for _, line in lines], []
