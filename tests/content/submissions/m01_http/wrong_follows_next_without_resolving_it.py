"""Wrong: follows 'next' without resolving it.

Fails: check_list_models
Says: urljoin
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-http", globals())


def list_models(self, *, task=None, search=None, page_size=50):
    url = self._url("/models", {"task": task, "search": search, "page_size": page_size})
    models = []
    while url:
        page = self._request("GET", url)
        models.extend(page["items"])
        url = page.get("next")
    return models
RegistryClient.list_models = list_models
