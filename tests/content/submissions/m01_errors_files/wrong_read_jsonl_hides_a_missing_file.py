"""Wrong: read_jsonl hides a missing file.

Fails: check_read_jsonl
Says: expected it to raise FileNotFoundError
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


_read = read_jsonl
def read_jsonl(path):
    try:
        return _read(path)
    except FileNotFoundError:
        return [], []
