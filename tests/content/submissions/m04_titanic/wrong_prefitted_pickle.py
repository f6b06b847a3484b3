"""Wrong: returns a model fitted beforehand on all passengers (trained in a notebook, pickled).

Fails: returns_unfitted
Says: already fitted
"""

from __future__ import annotations

import os
import pickle

from tests.content.submissions.m04_titanic.alt_grid_search import *


def make_model():
    with open(os.environ["TITANIC_NOTEBOOK_MODEL"], "rb") as f:
        return pickle.load(f)
