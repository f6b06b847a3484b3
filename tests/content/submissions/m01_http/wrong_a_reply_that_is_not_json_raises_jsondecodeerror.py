"""Wrong: a reply that is not JSON raises JSONDecodeError.

Fails: check_errors
Says: catch the JSONDecodeError
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-http", globals())


_checked_send = RegistryClient._send
def _send(self, method, url, body):
    if url.endswith("html-model"):
        return json.loads("<html>")
    return _checked_send(self, method, url, body)
RegistryClient._send = _send
