"""Wrong: BoundedQueue pops the newest item.

Fails: check_bounded_queue
Says: first in, first out
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


class BoundedQueue(BoundedQueue):
    def pop(self):
        if not self._items:
            raise IndexError('empty')
        return self._items.pop()
