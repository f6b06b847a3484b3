"""Wrong: learning_rate stays an int.

Fails: check_validate_config
Says: convert it with float()
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


_validate = validate_config
def validate_config(raw):
    config = _validate(raw)
    config["learning_rate"] = raw["learning_rate"]
    return config
