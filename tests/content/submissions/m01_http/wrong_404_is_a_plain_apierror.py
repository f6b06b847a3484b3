"""Wrong: 404 is a plain ApiError.

Fails: check_errors
Says: expected NotFoundError
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-http", globals())


def _http_error(status, message):
    return (ServerError if status >= 500 else ApiError)(message, status=status)
