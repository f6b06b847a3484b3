"""Wrong: write_json_atomic swallows the error.

Fails: check_write_json_atomic
Says: expected it to raise TypeError, let it propagate
"""

# ruff: noqa: F821, SIM105

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


_write = write_json_atomic
def write_json_atomic(path, data):
    try:
        _write(path, data)
    except TypeError:
        pass
