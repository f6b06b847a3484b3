"""Wrong: slugify leaves dashes at the ends.

Fails: check_slugify
Says: returned 'hello-world-', expected 'hello-world'
"""

import re
import unicodedata

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def slugify(title):
    t = unicodedata.normalize('NFKD', title).encode('ascii', 'ignore').decode()
    return re.sub(r'[^a-z0-9]+', '-', t.lower())
