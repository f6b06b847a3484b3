"""Wrong: Welch's test is scipy.stats.ttest_ind (the brief asks for it from scratch).

Fails: from_scratch
Says: scipy.stats, which this from-scratch exercise forbids
"""

from __future__ import annotations

from scipy import stats
from tests.content.submissions._solution import run_solution

run_solution("m02-inference", globals())


def welch_ttest(x, y, *, alternative="two-sided"):
    result = stats.ttest_ind(x, y, equal_var=False, alternative=alternative)
    return float(result.statistic), float(result.df), float(result.pvalue)
