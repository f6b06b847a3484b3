"""Wrong: lets UnicodeDecodeError through.

Fails: check_load_config_errors
Says: UnicodeDecodeError, expected ConfigError
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


def load_config(path):
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(f"cannot read config file {path}") from err
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        raise ConfigSyntaxError(path, err.lineno, err.msg) from err
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a JSON object")
    return validate_config(raw)
