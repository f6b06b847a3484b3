"""Wrong: write_json_atomic writes in place.

Fails: check_write_json_atomic
Says: in place, os.replace
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


def write_json_atomic(path, data):
    Path(path).write_text(json.dumps(data, indent=2), encoding="utf-8")
