"""The m06 reference pipeline: one TOML config drives ingest -> validate -> split ->
preprocess -> train -> evaluate -> register, every run tracked in MLflow.

config.py   the config file as a typed model (errors as `file:line: what`)
schema.py   what good data looks like (pandera) and the report when it is not
stages.py   one function per stage
tracking.py the MLflow store under the runs folder: runs, the registry, the comparison
figures.py  the evaluation and comparison figures
report.py   report.md of one run and of a comparison
project.py  `airoadmap run m06-pipeline [--config FILE] [--compare]`

The model code itself (the Pipeline, the data hash, what a run logs) is the m06-pipeline
exercise's reference solution, imported from the exercise: what learners read is what runs.
MLflow is imported only inside the functions that track (it takes seconds to import).
"""
