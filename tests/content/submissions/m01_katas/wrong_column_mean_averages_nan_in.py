"""Wrong: column_mean averages NaN in.

Fails: check_column_mean
Says: returned nan, NaN values are skipped
"""

# ruff: noqa: F821, SIM105

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def column_mean(path, column):
    rows = list(csv.DictReader(Path(path).read_text(encoding='utf-8').splitlines()))
    if not rows or column not in rows[0]:
        raise ValueError(f'no column {column!r}')
    nums = []
    for r in rows:
        try:
            nums.append(float(r[column]))
        except (TypeError, ValueError):
            pass
    if not nums:
        raise ValueError(f'no numbers in {column!r}')
    return sum(nums) / len(nums)
