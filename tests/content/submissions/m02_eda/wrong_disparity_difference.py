"""Wrong: highest rate minus lowest rate, not their ratio.

Fails: group_rates_and_disparity
Says: the difference
"""

from __future__ import annotations

from tests.content.submissions.m02_eda.reference import *


def disparity_ratio(outcome, groups):
    rates = group_rates(outcome, groups)
    if len(rates) < 2:
        raise ValueError("two groups")
    return float(rates.max() - rates.min()) if rates.max() > 0 else 1.0
