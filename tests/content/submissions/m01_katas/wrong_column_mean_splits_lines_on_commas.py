"""Wrong: column_mean splits lines on commas.

Fails: check_column_mean
Says: a quoted field may hold commas
"""

# ruff: noqa: SIM105

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def column_mean(path, column):
    with open(path, encoding='utf-8') as f:
        header = f.readline().strip().split(',')
        if column not in header:
            raise ValueError(f'no column {column!r}')
        i = header.index(column)
        nums = []
        for line in f:
            try:
                nums.append(float(line.strip().split(',')[i]))
            except (ValueError, IndexError):
                pass
    if not nums:
        raise ValueError(f'no numbers in {column!r}')
    return sum(nums) / len(nums)
