"""Wrong: returns a model fitted beforehand on all passengers (trained in a notebook, pickled)."""

import os
import pickle


def make_model():
    with open(os.environ["TITANIC_NOTEBOOK_MODEL"], "rb") as f:
        return pickle.load(f)
