"""Wrong: clean_lines hides a missing file.

Fails: check_clean_lines
Says: expected it to raise FileNotFoundError
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


_real_clean_lines = clean_lines
def clean_lines(src, dst):
    try:
        return _real_clean_lines(src, dst)
    except FileNotFoundError:
        return 0
