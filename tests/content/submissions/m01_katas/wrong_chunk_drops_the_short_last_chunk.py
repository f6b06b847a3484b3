"""Wrong: chunk drops the short last chunk.

Fails: check_chunk
Says: expected [[1, 2], [3, 4], [5]]
"""

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def chunk(items, size):
    return [items[i:i + size] for i in range(0, len(items) - size + 1, size)]
