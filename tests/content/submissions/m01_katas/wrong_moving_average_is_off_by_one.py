"""Wrong: moving_average is off by one.

Fails: check_moving_average
Says: len(values) - window + 1
"""

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def moving_average(values, window):
    return [sum(values[i:i + window]) / window for i in range(len(values) - window)]
