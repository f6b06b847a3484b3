"""Wrong: write_json_atomic leaves the temporary file open when json fails.

Fails: check_files_closed
Says: a set: not JSON, left a file open
"""

# ruff: noqa: F821, SIM115

import secrets

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


def write_json_atomic(path, data):
    target = Path(path)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        file = open(temporary, "x", encoding="utf-8")
        json.dump(data, file)
        file.close()
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
