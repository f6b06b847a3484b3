"""Wrong: the corrections are statsmodels' multipletests, reached through importlib.

Fails: from_scratch
Says: statsmodels
"""

from __future__ import annotations

import importlib

from tests.content.submissions._solution import run_solution

run_solution("m02-inference", globals())

_METHODS = {"bonferroni": "bonferroni", "holm": "holm", "bh": "fdr_bh"}


def adjust_p_values(p_values, method="holm"):
    multitest = importlib.import_module("statsmodels.stats.multitest")
    return multitest.multipletests(p_values, method=_METHODS[method])[1]
