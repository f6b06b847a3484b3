"""Wrong: chunk does not validate the size.

Fails: check_chunk
Says: chunk([1, 2], 0), expected it to raise ValueError
"""

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def chunk(items, size):
    return [items[i:i + size] for i in range(0, len(items), max(size, 1))]
