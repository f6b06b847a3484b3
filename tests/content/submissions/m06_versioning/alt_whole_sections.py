"""Correct: each stage of dvc.yaml lists its whole section of params.yaml (`params: [train]`)
and its deps in flow style; the metrics file is cached like any out.

DVC tracks every key under a listed section, so a change still re-runs only the stages that
read it.
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m06_versioning._project import edit_project

edit_project(
    globals(),
    "dvc.yaml",
    [
        ("      - prepare.seed\n      - prepare.test_fraction\n", "      - prepare\n"),
        (
            "      - train.learning_rate\n      - train.epochs\n      - train.l2\n",
            "      - train\n",
        ),
        ("      - evaluate.threshold\n", "      - evaluate\n"),
        (
            "    deps:\n      - versioning.py\n      - data/train.csv\n",
            "    deps: [versioning.py, data/train.csv]\n",
        ),
        ("      - metrics.json:\n          cache: false\n", "      - metrics.json\n"),
    ],
)
run_solution("m06-versioning", globals())
