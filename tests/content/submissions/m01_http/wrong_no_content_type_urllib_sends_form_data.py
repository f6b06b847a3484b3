"""Wrong: no Content-Type: urllib sends form data.

Fails: check_register_model
Says: Content-Type: application/json
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-http", globals())


_checked_send = RegistryClient._send
def _send(self, method, url, body):
    if body is None:
        return _checked_send(self, method, url, body)
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), method=method,
        headers={"Authorization": f"Bearer {self.api_key}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=self.timeout) as reply:
            return json.loads(reply.read())
    except urllib.error.HTTPError as err:
        with err:
            detail = _error_detail(err.read())
        raise _http_error(err.code, f"HTTP {err.code}: {detail}") from err
RegistryClient._send = _send
