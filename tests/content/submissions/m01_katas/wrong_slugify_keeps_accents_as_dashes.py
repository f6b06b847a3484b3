"""Wrong: slugify keeps accents as dashes.

Fails: check_slugify
Says: expected 'creme-brulee'
"""

import re

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def slugify(title):
    return re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')
