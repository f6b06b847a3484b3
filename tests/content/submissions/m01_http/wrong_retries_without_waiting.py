"""Wrong: retries without waiting.

Fails: check_retries
Says: time.sleep between attempts
"""

from tests.content.submissions._solution import run_solution

run_solution("m01-http", globals())


class _NoWait:
    @staticmethod
    def sleep(seconds):
        pass
time = _NoWait  # the module's `time.sleep` now returns at once
