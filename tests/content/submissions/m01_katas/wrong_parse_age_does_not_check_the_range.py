"""Wrong: parse_age does not check the range.

Fails: check_parse_age
Says: parse_age('-1'), expected it to raise ValueError
"""

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def parse_age(text):
    try:
        return int(text)
    except ValueError:
        raise ValueError(f'not a whole number: {text!r}') from None
