"""Wrong: metrics sent as null.

Fails: check_register_model
Says: HTTP 400, 'metrics'
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-http", globals())


RegistryClient.register_model = lambda self, name, task, metrics=None: self._request(
    "POST", self._url("/models"), {"name": name, "task": task, "metrics": metrics}
)
