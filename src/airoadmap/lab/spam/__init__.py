"""Reference project of m04-spam: TF-IDF text classifiers for SMS spam, compared honestly.

The messages, the text normalisation that finds duplicates, and the fixed held-out split
that the m04-spam checks also use (no text on both sides) are in
`airoadmap.datasets.splits.sms`. models.py: the candidate
pipelines on the exercise's reference features. project.py: `run(run_dir)`, the study.
"""
