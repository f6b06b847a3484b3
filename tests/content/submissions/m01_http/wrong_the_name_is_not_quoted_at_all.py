"""Wrong: the name is not quoted at all.

Fails: check_get_model
Says: urllib.parse.quote
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-http", globals())


RegistryClient.get_model = lambda self, name: self._request(
    "GET", self._url("/models/" + name)
)
