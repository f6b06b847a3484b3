"""Wrong: quote keeps '/' in the name.

Fails: check_get_model
Says: safe=''
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-http", globals())


RegistryClient.get_model = lambda self, name: self._request(
    "GET", self._url("/models/" + urllib.parse.quote(name))
)
