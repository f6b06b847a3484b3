"""Wrong: the server's error text is dropped.

Fails: check_errors
Says: the server's explanation
"""

# ruff: noqa: E731

from tests.content.submissions._solution import run_solution

run_solution("m01-http", globals())


_error_detail = lambda raw: None
