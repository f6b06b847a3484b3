"""Wrong: a trailing '/' doubles the slash.

Fails: check_get_model
Says: rstrip('/')
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-http", globals())


def _url(self, path, params=None):
    url = self.base_url + path
    query = {k: v for k, v in (params or {}).items() if v is not None}
    return f"{url}?{urllib.parse.urlencode(query)}" if query else url
RegistryClient._url = _url
