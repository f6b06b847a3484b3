"""Reference project of month 11: the m11-drift solution's drift report on a large table.

project.py: `run(run_dir)` (`airoadmap run m11-drift`): a seeded table of 100,000 reference
and 100,000 current rows x 50 numeric columns with drift injected in known columns goes
through the m11-drift solution's `drift_report` (KS, PSI, Bonferroni and Benjamini-Hochberg);
its verdicts are scored against the truth, its p-values compared with scipy.stats.ks_2samp
column by column, its CPU time measured; a figure, a report and metrics.json.
fast.py: `ReferenceProfile`, a monitor that sorts its reference once and then tests each
batch (the solution's KS and PSI results, fewer passes over the data).
benchmarks/bench_m11_drift.py sets the same run beside Evidently's data-drift preset.
"""
