"""Wrong: reads the first page only.

Fails: check_list_models
Says: expected the 5 text-classification models
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-http", globals())


RegistryClient.list_models = lambda self, *, task=None, search=None, page_size=50: (
    self._request(
        "GET",
        self._url("/models", {"task": task, "search": search, "page_size": page_size}),
    )["items"]
)
