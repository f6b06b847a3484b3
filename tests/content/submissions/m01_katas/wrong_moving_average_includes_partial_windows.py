"""Wrong: moving_average includes partial windows.

Fails: check_moving_average
Says: len(values) - window + 1
"""

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def moving_average(values, window):
    if window < 1:
        raise ValueError(f'bad window {window}')
    windows = [values[i:i + window] for i in range(len(values))]
    return [sum(w) / len(w) for w in windows]
