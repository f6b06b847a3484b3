"""Wrong: read_jsonl never closes its file.

Fails: check_files_closed
Says: left a file open, with
"""

# ruff: noqa: F821, SIM115

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


_read = read_jsonl
_leaked = []
def read_jsonl(path):
    f = open(path, encoding="utf-8")
    f.readline()
    return _read(path)
