"""Wrong: validate_config ignores unknown keys.

Fails: check_validate_config
Says: 'dropout', expected it to raise ConfigError
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


_validate = validate_config
def validate_config(raw):
    known = set(REQUIRED) | set(DEFAULTS)
    return _validate({k: v for k, v in raw.items() if k in known})
