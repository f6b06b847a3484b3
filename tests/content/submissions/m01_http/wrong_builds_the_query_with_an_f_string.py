"""Wrong: builds the query with an f-string.

Fails: check_list_models
Says: urlencode
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-http", globals())


def _url(self, path, params=None):
    url = self.base_url.rstrip("/") + path
    pairs = [f"{k}={v}" for k, v in (params or {}).items() if v is not None]
    return url + "?" + "&".join(pairs) if pairs else url
RegistryClient._url = _url
