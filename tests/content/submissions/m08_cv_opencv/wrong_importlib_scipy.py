"""Wrong: fill_holes calls SciPy's binary_fill_holes, reached through
importlib.import_module.

Fails: from_scratch
Says: scipy
"""

from __future__ import annotations

import importlib

from tests.content.submissions._solution import run_solution

run_solution("m08-cv-opencv", globals())


def fill_holes(mask):
    ndimage = importlib.import_module("scipy.ndimage")
    return ndimage.binary_fill_holes(mask)
