"""Wrong: BoundedQueue grows past its capacity.

Fails: check_bounded_queue
Says: expected it to raise QueueFull
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


class BoundedQueue(BoundedQueue):
    def push(self, item):
        self._items.append(item)
