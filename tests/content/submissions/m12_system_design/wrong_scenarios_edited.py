"""Wrong: the learner's scenarios.toml was edited (a better cache hit rate for moderation),
so the design's own figures are not the scenario's.

Fails: document_figures
Says: load_scenarios(), scenarios shipped with the exercise
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m12_system_design._design import edit_scenarios

edit_scenarios(
    globals(),
    replace=[
        (
            "cache_hit_rate = 0.05              # share",
            "cache_hit_rate = 0.20              # share",
        )
    ],
)
run_solution("m12-system-design", globals())
