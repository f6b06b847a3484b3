"""Wrong: BoundedQueue accepts capacity 0.

Fails: check_bounded_queue
Says: BoundedQueue(0), expected it to raise ValueError
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


class BoundedQueue(BoundedQueue):
    def __init__(self, capacity):
        self.capacity = capacity
        self._items = deque()
