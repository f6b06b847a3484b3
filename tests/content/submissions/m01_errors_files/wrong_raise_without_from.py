"""Wrong: raise without from.

Fails: check_load_config_errors
Says: from err
"""

# ruff: noqa: B904, F821, F841

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


def load_config(path):
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(f"cannot read config file {path}")
    except UnicodeDecodeError as err:
        raise ConfigError(f"{path} is not UTF-8")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        raise ConfigSyntaxError(path, err.lineno, err.msg)
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a JSON object")
    return validate_config(raw)
