"""Wrong: timeouts are not retried.

Fails: check_timeout
Says: a timeout is worth one retry
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-http", globals())


def _request(self, method, url, body=None):
    attempts = 1 + (self.retries if method == "GET" else 0)
    for attempt in range(attempts):
        try:
            return self._send(method, url, body)
        except ServerError:
            if attempt == attempts - 1:
                raise
        time.sleep(self.backoff * 2 ** attempt)
RegistryClient._request = _request
