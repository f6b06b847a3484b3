"""Wrong: no API key sent.

Fails: check_register_model
Says: API key, Authorization: Bearer
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-http", globals())


_init = RegistryClient.__init__
def __init__(self, base_url, **options):
    options.pop("api_key", None)
    _init(self, base_url, **options)
RegistryClient.__init__ = __init__
