"""Reference project of m11-monitoring: the MLOps loop on a seeded stream, end to end.

project.py: `run(run_dir)` (`airoadmap run m11-monitoring`): the m11-monitoring solution's
`Monitor` serves a seeded stream whose inputs and concept change half way, measures drift
(PSI) on every batch and accuracy when the labels arrive, retrains and promotes challengers
in a throwaway MLflow registry, then rolls back once; beside it the first champion, never
retrained, serves the same stream. A timeline figure (accuracy, drift, alerts, retraining
and promotions), the drift of each feature, the event log, a report and a model card.
"""
