"""Wrong: write_json_atomic streams into the target.

Fails: check_write_json_atomic
Says: in place, os.replace
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


def write_json_atomic(path, data):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2)
