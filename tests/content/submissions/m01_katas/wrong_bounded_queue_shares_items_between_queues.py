"""Wrong: BoundedQueue shares items between queues.

Fails: check_bounded_queue
Says: its own items, not on the class
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


class BoundedQueue(BoundedQueue):
    shared = deque()
    def __init__(self, capacity):
        super().__init__(capacity)
        self._items = BoundedQueue.shared
