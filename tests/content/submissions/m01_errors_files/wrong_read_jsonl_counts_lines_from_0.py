"""Wrong: read_jsonl counts lines from 0.

Fails: check_read_jsonl
Says: [2, 5, 6, 7, 8, 10], counting from 1
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


_read = read_jsonl
def read_jsonl(path):
    records, bad = _read(path)
    return records, [n - 1 for n in bad]
