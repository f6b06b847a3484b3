"""m08-cv-opencv: the checks' own ground truth, their matching rule, and the bar's figures.

The solution, the starter and the held-back submissions (submissions/m08_cv_opencv/) are run by
tests/content/test_submissions.py, the contract table by tests/content/test_contracts.py.
"""

from __future__ import annotations

import math
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from airoadmap.authoring.runner import run_inprocess
from airoadmap.curriculum.loader import exercise_dir
from tests.content.contracts import SUBMISSIONS, load_checks

EXERCISE_ID = "m08-cv-opencv"
FOLDER = SUBMISSIONS / "m08_cv_opencv"

pytest.importorskip("cv2")
pytest.importorskip("skimage")


@pytest.fixture(scope="module")
def checks() -> ModuleType:
    return load_checks(EXERCISE_ID, "_m08_cv_opencv_checks_under_test")


def test_generated_coins_are_seeded_apart_and_inside(checks: ModuleType) -> None:
    image, coins = checks.generated_coins(2)
    again, same = checks.generated_coins(2)
    assert np.array_equal(image, again) and coins == same
    assert image.shape == checks.GENERATED_SHAPE and image.dtype == np.uint8
    assert len(coins) == checks.GENERATED_COINS
    height, width = checks.GENERATED_SHAPE
    low, high = checks.RADIUS_RANGE
    for i, (x, y, r) in enumerate(coins):
        assert low <= r <= high and r <= x <= width - r and r <= y <= height - r
        for cx, cy, cr in coins[i + 1 :]:
            assert math.hypot(x - cx, y - cy) >= r + cr + checks.COIN_GAP
    assert not np.array_equal(image, checks.generated_coins(3)[0])


def test_the_photo_coins_agree_with_a_hough_transform(checks: ModuleType) -> None:
    """What checks.py says of its table: a Hough transform of Canny edges, coin by coin, puts
    the centres within 3.2 px and the radii within 2 px."""
    from skimage import feature, transform

    photo = checks._photo("coins")
    edges = feature.canny(photo, sigma=2.5)
    for x, y, r in checks.PHOTO_COINS:
        top, left = max(0, y - r - 8), max(0, x - r - 8)
        patch = edges[top : y + r + 9, left : x + r + 9]
        radii = np.arange(r - 5, r + 6)
        _, cx, cy, found = transform.hough_circle_peaks(
            transform.hough_circle(patch, radii), radii, total_num_peaks=1
        )
        assert math.hypot(cx[0] + left - x, cy[0] + top - y) <= 3.2, (x, y, r)
        assert abs(found[0] - r) <= 2, (x, y, r)


def test_match_counts_a_split_coin_a_merged_blob_and_an_extra(checks: ModuleType) -> None:
    region = checks._Region
    coins = [(50.0, 50.0, 20.0), (150.0, 50.0, 20.0), (250.0, 50.0, 20.0)]
    areas = [math.pi * 400.0] * 3
    blobs = [
        region(1257, (51.0, 50.0), (0, 0, 1, 1)),  # the first coin, found
        region(600, (148.0, 50.0), (0, 0, 1, 1)),  # the second coin in two pieces
        region(600, (152.0, 50.0), (0, 0, 1, 1)),
        region(400, (250.0, 51.0), (0, 0, 1, 1)),  # the third, far too small
        region(300, (350.0, 50.0), (0, 0, 1, 1)),  # nowhere near a coin
    ]
    result = checks.match(blobs, coins, areas, 0.25, 0.25)
    assert (result.found, result.false_blobs) == (1, 4)
    assert [p.split(":")[0] for p in result.problems] == [
        "the coin at (x, y) = (150, 50), radius 20",
        "the coin at (x, y) = (250, 50), radius 20",
        "a blob at (x, y) = (350, 50) of 300 pixels matches no coin",
    ]


def _photo_metrics(submission: Path | str) -> tuple[float, float]:
    result = run_inprocess(EXERCISE_ID, {"vision.py": submission}, only=["photo"])
    return result.metrics["coins_found"], result.metrics["false_blobs"]


def test_the_bars_figures() -> None:
    """The figures of exercise.toml's [bars] whys: the reference and cv2.adaptiveThreshold find
    all 24 coins, one global Otsu threshold 21 (and 1 false blob), a top-hat then Otsu 22 (2)."""
    assert _photo_metrics(exercise_dir(EXERCISE_ID) / "solution" / "vision.py") == (24, 0)
    assert _photo_metrics(FOLDER / "alt_adaptive.py") == (24, 0)
    assert _photo_metrics(FOLDER / "wrong_coins_global_otsu.py") == (21, 1)
    tophat = (
        "import cv2\n"
        "from tests.content.submissions._solution import run_solution\n"
        "run_solution('m08-cv-opencv', globals())\n"
        "def find_coins(gray):\n"
        "    ellipse = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (61, 61))\n"
        "    _, mask = otsu(cv2.morphologyEx(blur(gray, 2), cv2.MORPH_TOPHAT, ellipse))\n"
        "    return blobs(clean(fill_holes(mask), 3), 300)\n"
    )
    assert _photo_metrics(tophat) == (22, 2)
