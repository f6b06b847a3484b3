"""Wrong: otsu takes its threshold from scikit-image, the checks' reference.

Fails: from_scratch
Says: skimage
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution("m08-cv-opencv", globals())


def otsu(gray):
    from skimage.filters import threshold_otsu

    threshold = int(threshold_otsu(gray))
    return threshold, gray > threshold
