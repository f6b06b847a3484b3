"""Wrong: deep_get uses `or default`.

Fails: check_deep_get
Says: only a missing key gives the default
"""

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def deep_get(data, path, default=None):
    if not path:
        return data
    node = data
    for key in path.split('.'):
        node = node.get(key) if isinstance(node, dict) else None
    return node or default
