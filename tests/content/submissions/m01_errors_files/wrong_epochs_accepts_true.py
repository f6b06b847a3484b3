"""Wrong: epochs accepts True.

Fails: check_validate_config
Says: True is an int
"""

# ruff: noqa: E731

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


_is_int = lambda value: isinstance(value, int)
