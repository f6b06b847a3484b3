"""Wrong: sends the None parameters.

Fails: check_list_models
Says: parameters that are None
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-http", globals())


def _url(self, path, params=None):
    url = self.base_url.rstrip("/") + path
    return f"{url}?{urllib.parse.urlencode(params)}" if params else url
RegistryClient._url = _url
