"""Wrong: drawn_scenario edited (the learner picks a scenario whatever the seed).

Fails: document_figures
Says: drawn_scenario(0) returns 'moderation', the checks draw 'recommendation'
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m12-system-design",
    globals(),
    replace=[("return random.Random(seed).choice(SCENARIO_IDS)", 'return "moderation"')],
)
