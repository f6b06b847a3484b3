"""Wrong: the seed draws `search`, the design describes `moderation`.

Fails: document_figures
Says: describes the scenario 'moderation', draws 'search'
"""

from tests.content.submissions._solution import run_solution

run_solution("m12-system-design", globals(), replace=[("SEED = 20261205", "SEED = 5")])
