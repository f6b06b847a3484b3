"""Wrong: learning_rate accepts infinity.

Fails: check_validate_config
Says: learning_rate: not finite
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


_validate = validate_config
def validate_config(raw):
    if raw.get("learning_rate") == math.inf:
        return {**DEFAULTS, **raw}
    return _validate(raw)
