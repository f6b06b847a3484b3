"""Wrong: load_config wraps validation errors in a plain ConfigError.

Fails: check_load_config
Says: expected InvalidValueError, validate_config's own errors
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


_load = load_config
def load_config(path):
    try:
        return _load(path)
    except (MissingKeyError, InvalidValueError) as err:
        raise ConfigError(str(err)) from err
