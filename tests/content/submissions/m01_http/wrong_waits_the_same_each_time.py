"""Wrong: waits the same each time.

Fails: check_retries
Says: doubling
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-http", globals())


def _request(self, method, url, body=None):
    attempts = 1 + (self.retries if method == "GET" else 0)
    for attempt in range(attempts):
        try:
            return self._send(method, url, body)
        except (ServerError, ApiTimeoutError):
            if attempt == attempts - 1:
                raise
        time.sleep(self.backoff)
RegistryClient._request = _request
