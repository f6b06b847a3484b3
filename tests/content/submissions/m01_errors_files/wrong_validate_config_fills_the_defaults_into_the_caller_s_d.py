"""Wrong: validate_config fills the defaults into the caller's dict.

Fails: check_validate_config
Says: changed its argument, copy it
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


_validate = validate_config
def validate_config(raw):
    for key, default in DEFAULTS.items():
        raw.setdefault(key, default)
    return _validate(raw)
