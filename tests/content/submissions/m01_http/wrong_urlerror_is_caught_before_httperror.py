"""Wrong: URLError is caught before HTTPError.

Fails: check_errors
Says: cannot reach, expected NotFoundError
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-http", globals())


def _send(self, method, url, body):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if self.api_key:
        headers["Authorization"] = f"Bearer {self.api_key}"
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=self.timeout) as reply:
            raw = reply.read()
    except TimeoutError as err:
        raise ApiTimeoutError(f"{url} timed out") from err
    except urllib.error.URLError as err:
        if isinstance(err, urllib.error.HTTPError):
            err.close()
        raise ApiError(f"cannot reach {url}: {err.reason}") from err
    return json.loads(raw)
RegistryClient._send = _send
