"""The reference solution of m02-eda, re-exported: each wrong_*.py imports it and breaks one part.

Importing it by file path keeps the solution where learners see it (content/.../solution/).
"""

from __future__ import annotations

import importlib.util

from airoadmap.curriculum.loader import exercise_dir

_spec = importlib.util.spec_from_file_location(
    "m02_eda_reference", exercise_dir("m02-eda") / "solution" / "eda.py"
)
assert _spec is not None and _spec.loader is not None
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)

cramers_v = _module.cramers_v
disparity_ratio = _module.disparity_ratio
group_rates = _module.group_rates
iqr_outliers = _module.iqr_outliers
missing_summary = _module.missing_summary
plot_distribution = _module.plot_distribution
plot_missing = _module.plot_missing
plot_scatter = _module.plot_scatter
plot_target_rate = _module.plot_target_rate
two_group_test = _module.two_group_test
