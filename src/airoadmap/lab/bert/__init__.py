"""The m08-nlp-bert reference project: MiniLM fine-tuned on tweets, against TF-IDF.

project.py: `run(run_dir, device=)` (`airoadmap run m08-nlp-bert`) and `fine_tune`, the same
on given tweets and model (the tests pass a tiny one).

Importing this package before torch makes torch's idle OpenMP threads sleep instead of
spinning (OMP_WAIT_POLICY=PASSIVE), as in the m07-cnn project.
"""

import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
