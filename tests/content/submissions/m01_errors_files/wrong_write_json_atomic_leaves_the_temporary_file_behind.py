"""Wrong: write_json_atomic leaves the temporary file behind.

Fails: check_write_json_atomic
Says: left ['metrics.json', 'metrics.json.tmp'], finally
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


def write_json_atomic(path, data):
    target = Path(path)
    temporary = target.with_name(target.name + ".tmp")
    with open(temporary, "w", encoding="utf-8") as file:
        json.dump(data, file)
    os.replace(temporary, target)
