"""Wrong: load_config does not check the top-level type.

Fails: check_load_config
Says: expected ConfigError, A config is a JSON object
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


def load_config(path):
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(f"cannot read {path}") from err
    except UnicodeDecodeError as err:
        raise ConfigError(f"{path} is not UTF-8") from err
    except json.JSONDecodeError as err:
        raise ConfigSyntaxError(path, err.lineno, err.msg) from err
    return validate_config(raw)
