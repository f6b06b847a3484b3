"""Wrong: a late reply escapes as TimeoutError.

Fails: check_timeout
Says: expected ApiTimeoutError
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-http", globals())


_checked_send = RegistryClient._send
def _send(self, method, url, body):
    try:
        return _checked_send(self, method, url, body)
    except ApiTimeoutError as err:
        raise err.__cause__ from None
RegistryClient._send = _send
