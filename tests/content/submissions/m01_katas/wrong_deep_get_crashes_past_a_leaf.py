"""Wrong: deep_get crashes past a leaf.

Fails: check_deep_get
Says: returns the default instead
"""

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def deep_get(data, path, default=None):
    if not path:
        return data
    node = data
    for key in path.split('.'):
        if key not in node:
            return default
        node = node[key]
    return node
