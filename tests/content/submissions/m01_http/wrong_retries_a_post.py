"""Wrong: retries a POST.

Fails: check_retries
Says: never retry a POST
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-http", globals())


def _request(self, method, url, body=None):
    for attempt in range(1 + self.retries):
        try:
            return self._send(method, url, body)
        except (ServerError, ApiTimeoutError):
            if attempt == self.retries:
                raise
        time.sleep(self.backoff * 2 ** attempt)
RegistryClient._request = _request
