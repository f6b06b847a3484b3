"""Reference project of m04-titanic: four classifiers compared on Titanic survival.

The passengers without the label-leaking columns, and the fixed held-out split that the
m04-titanic checks also use, are in `airoadmap.datasets.splits.titanic`. models.py: the
candidate pipelines, built on the exercise's reference feature engineering. project.py:
`run(run_dir)`, the whole study.
"""
