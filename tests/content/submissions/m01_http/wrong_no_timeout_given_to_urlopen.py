"""Wrong: no timeout given to urlopen.

Fails: check_timeout
Says: timeout was not applied
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
        with urllib.request.urlopen(request) as reply:  # no timeout
            raw = reply.read()
    except urllib.error.HTTPError as err:
        with err:
            detail = _error_detail(err.read())
        raise _http_error(err.code, f"HTTP {err.code}: {detail}") from err
    except urllib.error.URLError as err:
        raise ApiError(f"cannot reach {url}: {err.reason}") from err
    try:
        return json.loads(raw)
    except ValueError as err:
        raise ApiError("not JSON") from err
RegistryClient._send = _send
