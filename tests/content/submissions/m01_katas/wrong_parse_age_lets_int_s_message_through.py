"""Wrong: parse_age lets int()'s message through.

Fails: check_parse_age
Says: should mention 'not a whole number'
"""

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def parse_age(text):
    age = int(text)
    if not 0 <= age <= 150:
        raise ValueError(f'age out of range (0-150): {age}')
    return age
