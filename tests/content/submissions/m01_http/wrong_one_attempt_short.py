"""Wrong: one attempt short.

Fails: check_retries
Says: sent 2 requests, expected 3
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-http", globals())


def _request(self, method, url, body=None):
    attempts = self.retries if method == "GET" else 1
    for attempt in range(max(attempts, 1)):
        try:
            return self._send(method, url, body)
        except (ServerError, ApiTimeoutError):
            if attempt >= attempts - 1:
                raise
        time.sleep(self.backoff * 2 ** attempt)
RegistryClient._request = _request
