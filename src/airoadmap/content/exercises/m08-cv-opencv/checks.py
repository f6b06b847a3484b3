"""Checks of m08-cv-opencv: an OpenCV pipeline that counts and measures coins.

Each step is compared with an independent implementation run on the same arrays: the grey
levels with the ITU-R BT.601 weights in NumPy, HSV with scikit-image's `rgb2hsv`, the blur with
`skimage.filters.gaussian`, Otsu's threshold with `skimage.filters.threshold_otsu`, the disk
and the morphology with `skimage.morphology`, the filled holes with
`scipy.ndimage.binary_fill_holes`, the measured regions with `skimage.measure.regionprops`.
Then `find_coins` runs on images of coins the checks draw themselves (so every centre and
radius is known) and, for the bar, on scikit-image's photo of 24 coins, against the centres
and radii recorded below. The learner's file may not import scikit-image or SciPy: the checks
use them as the reference.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

import numpy as np

from airoadmap.errors import GradingError
from airoadmap.grading.api import (
    Context,
    check,
    expect,
    expect_bar,
    expect_raises,
    fail,
    short,
)

MODULE = "vision"

Array = np.ndarray[Any, np.dtype[Any]]

# to_gray: ITU-R BT.601 luma, what OpenCV's RGB2GRAY computes in fixed point (so the two may
# differ by one grey level after rounding).
GRAY_WEIGHTS = (0.299, 0.587, 0.114)
GRAY_TOLERANCE = 1
# Pure red, green, blue and white, and their grey levels.
PURE_COLOURS = ((255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255))
PURE_GRAYS = (76, 150, 29, 255)

# colour_mask: pixels this close to a bound are not judged. OpenCV's 8-bit HSV keeps the hue in
# steps of 2 degrees (off by at most 1.1 degrees on these photos) and S to 1/255.
HUE_MARGIN = 1.5
SV_MARGIN = 1.0 / 255
# The photos are judged at every second pixel of every second row (tens of thousands of pixels
# still): scikit-image's rgb2hsv takes a tenth of a second per full photo.
COLOUR_STEP = 2
# (image, hue_low, hue_high, min_saturation, min_value); None: left to the default (0).
COLOUR_CASES: tuple[tuple[str, float, float, float | None, float | None], ...] = (
    ("astronaut", 200.0, 260.0, 0.3, 0.2),
    ("astronaut", 330.0, 20.0, 0.35, 0.25),
    ("coffee", 20.0, 45.0, 0.4, 0.3),
    ("chelsea", 0.0, 25.0, 0.2, 0.3),
    ("hue wheel", 100.0, 140.0, 0.5, 0.5),
    ("hue wheel", 300.0, 60.0, 0.3, 0.3),
    ("hue wheel", 170.0, 250.0, 0.7, 0.1),
    ("hue wheel", 40.0, 80.0, None, None),
)
# Pixels judged exactly, bounds included: pure red, yellow, green, cyan, blue, magenta (hues 0,
# 60, ..., 300, saturation and value 1), grey and black (hue 0, saturation 0). Their hue, S and
# V are exact in 8-bit and in float HSV alike, except that OpenCV's float HSV puts yellow at
# 59.99999 and the pure colours' saturation at 0.9999999: no bound below sits on those.
PURE_NAMES = ("red", "yellow", "green", "cyan", "blue", "magenta", "grey", "black")
PURE_PIXELS = (
    (255, 0, 0), (255, 255, 0), (0, 255, 0), (0, 255, 255), (0, 0, 255), (255, 0, 255),
    (128, 128, 128), (0, 0, 0),
)  # fmt: skip
# (hue_low, hue_high, min_saturation, min_value)
PURE_CASES = (
    (50.0, 190.0, 0.5, 1.0),  # yellow, green, cyan: value 1 reaches a minimum of 1
    (240.0, 0.0, 0.0, 0.0),  # wraps: blue, magenta, red, grey and black (hue 0, S 0, V 0)
    (120.0, 120.0, 0.5, 0.5),  # green alone
)

# blur: OpenCV's 8-bit Gaussian rounds in fixed point: one grey level from the float result.
BLUR_SIGMAS = (1.0, 2.0, 3.5)
BLUR_TOLERANCE = 1

OTSU_IMAGES = ("coins", "camera", "moon", "page")
DISK_RADII = tuple(range(8))
CLEAN_RADII = (1, 3)
# blobs: the smallest region kept, tried at a size some region of the test mask has exactly.
MIN_AREAS = (1, 12, 40)

# find_coins on generated images: the checks draw the coins, so every centre and radius is
# known. On seeds 1 to 8 the reference pipeline's centres are within 0.04 r of the truth and
# its areas within 0.11 (relative); cv2.adaptiveThreshold's within 0.04 r and 0.13.
GENERATED_SEEDS = (1, 2, 3)
GENERATED_SHAPE = (240, 320)
GENERATED_COINS = 10
RADIUS_RANGE = (14.0, 26.0)
COIN_GAP = 8.0  # pixels between two coins' rims, at least
LIGHTING = (50.0, 160.0)  # the background's grey level, from one side of the image to the other
CONTRAST = (50.0, 80.0)  # how much brighter a coin is than the background behind it
NOISE = 6.0  # the standard deviation of the sensor noise, grey levels
GENERATED_CENTRE_TOLERANCE = 0.1  # of the radius
GENERATED_AREA_TOLERANCE = 0.2  # relative to the disc's pixel count

# The 24 coins of skimage.data.coins(): (x, y, radius) in pixels. Recorded from a local
# threshold's blobs (centroid, radius of the same area), then checked two ways: drawn over the
# photo, each circle follows its coin's rim; and a Hough transform of Canny edges
# (scikit-image, each coin on its own) puts the centres within 3.2 px and the radii within 2 px.
PHOTO_COINS: tuple[tuple[int, int, int], ...] = (
    (44, 55, 21), (100, 56, 19), (155, 51, 23), (216, 52, 22), (276, 53, 19), (335, 44, 29),
    (45, 125, 21), (102, 126, 19), (154, 127, 19), (206, 124, 20), (271, 119, 25),
    (336, 124, 20), (43, 197, 19), (102, 195, 22), (154, 198, 20), (212, 193, 24),
    (274, 194, 22), (347, 186, 31), (46, 260, 28), (114, 266, 21), (173, 261, 27),
    (244, 263, 24), (301, 263, 25), (359, 268, 22),
)  # fmt: skip
PHOTO_CENTRE_TOLERANCE = 0.25  # of the radius
PHOTO_AREA_TOLERANCE = 0.25  # relative to pi r^2


# --- the references (scikit-image, SciPy), imported on first use ------------------------------


def _skimage() -> ModuleType:
    try:
        import skimage.color
        import skimage.data
        import skimage.filters
        import skimage.measure
        import skimage.morphology
    except ImportError as exc:
        raise GradingError(
            "m08-cv-opencv's checks need scikit-image: pip install scikit-image"
        ) from exc
    return skimage


def _ndimage() -> ModuleType:
    try:
        from scipy import ndimage
    except ImportError as exc:
        raise GradingError("m08-cv-opencv's checks need SciPy: pip install scipy") from exc
    return ndimage


@cache
def _photo(name: str) -> Array:
    """A photo of skimage.data (shipped with scikit-image), or the checks' hue wheel."""
    if name == "hue wheel":
        return _hue_wheel()
    image: Array = getattr(_skimage().data, name)()
    image.flags.writeable = False
    return image


def _hue_wheel() -> Array:
    """Every hue (steps of 1 degree) at 5 saturations x 5 values: 25 rows of 360 pixels."""
    levels = np.linspace(0.2, 1.0, 5)
    hue = np.broadcast_to(np.arange(360) / 360.0, (25, 360))
    saturation = np.repeat(levels, 5)[:, None] * np.ones((1, 360))
    value = np.tile(levels, 5)[:, None] * np.ones((1, 360))
    rgb = _skimage().color.hsv2rgb(np.stack([hue, saturation, value], axis=-1))
    image: Array = np.rint(rgb * 255).astype(np.uint8)
    image.flags.writeable = False
    return image


# --- calling the learner's code ----------------------------------------------------------------


def _function(ctx: Context, name: str) -> Callable[..., Any]:
    func = getattr(ctx.load(MODULE), name, None)
    if not callable(func):
        fail(f"{MODULE}.py defines no function {name}: keep the names of the starter.")
    return func


def _call(func: Callable[..., Any], *args: Any, call: str) -> Any:
    """func(*args) on copies of the array arguments; fail if it changed them."""
    copies = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
    result = func(*copies)
    for given, used in zip(args, copies, strict=True):
        if isinstance(given, np.ndarray) and not np.array_equal(given, used):
            fail(f"{call} changed the array it was given: work on a copy, never in place.")
    return result


def _array(value: Any, shape: tuple[int, ...], dtype: type, *, call: str) -> Array:
    """`value` as the array a function must return: this shape and dtype."""
    if not isinstance(value, np.ndarray):
        fail(f"{call} returned {type(value).__name__}, expected a NumPy array.")
    expect(
        value.shape == shape,
        f"{call} returned an array of shape {value.shape}, expected {shape}.",
    )
    expect(
        value.dtype == np.dtype(dtype),
        f"{call} returned dtype {value.dtype}, expected {np.dtype(dtype)}"
        + (": compare with > 0 to make a mask." if dtype is np.bool_ else "."),
    )
    return value


def _first_difference(actual: Array, expected: Array) -> str:
    """Where two masks first differ, and how many pixels do."""
    rows, cols = np.nonzero(actual != expected)
    return (
        f"{rows.size} of {actual.size} pixels differ, e.g. (row {rows[0]}, column {cols[0]}): "
        f"{bool(actual[rows[0], cols[0]])}, expected {bool(expected[rows[0], cols[0]])}"
    )


# --- colour -----------------------------------------------------------------------------------


@check("to_gray weighs red, green and blue as OpenCV does, in RGB order", hint="colour")
def gray(ctx: Context) -> None:
    to_gray = _function(ctx, "to_gray")
    pure = np.array([PURE_COLOURS], dtype=np.uint8)
    call = "to_gray(red, green, blue, white)"
    got = _array(_call(to_gray, pure, call=call), (1, 4), np.uint8, call=call)
    expect(
        bool(np.all(np.abs(got[0].astype(int) - PURE_GRAYS) <= GRAY_TOLERANCE)),
        f"to_gray of pure red, green, blue and white gave {got[0].tolist()}, expected "
        f"{list(PURE_GRAYS)}: the image is RGB (scikit-image and PIL give RGB, cv2.imread "
        "gives BGR), so convert with cv2.COLOR_RGB2GRAY.",
    )
    for name in ("astronaut", "coffee"):
        image = _photo(name)
        call = f"to_gray({name})"
        got = _array(_call(to_gray, image, call=call), image.shape[:2], np.uint8, call=call)
        expected = np.rint(image.astype(np.float64) @ np.array(GRAY_WEIGHTS))
        worst = int(np.abs(got.astype(np.int64) - expected).max())
        expect(
            worst <= GRAY_TOLERANCE,
            f"{call}: a grey level differs by {worst} from 0.299 R + 0.587 G + 0.114 B "
            f"(at most {GRAY_TOLERANCE} allowed, for rounding).",
        )


@check("colour_mask selects hue, saturation and value as scikit-image's HSV does", hint="colour")
def colour(ctx: Context) -> None:
    colour_mask = _function(ctx, "colour_mask")
    for name, low, high, given_s, given_v in COLOUR_CASES:
        image = _photo(name)
        if name != "hue wheel":
            image = image[::COLOUR_STEP, ::COLOUR_STEP]
            name = f"{name}[::{COLOUR_STEP}, ::{COLOUR_STEP}]"
        minimums = () if given_s is None or given_v is None else (given_s, given_v)
        call = f"colour_mask({', '.join([name, f'{low:g}', f'{high:g}', *map(str, minimums)])})"
        got = _array(
            _call(colour_mask, image, low, high, *minimums, call=call),
            image.shape[:2],
            np.bool_,
            call=call,
        )
        min_s, min_v = minimums or (0.0, 0.0)
        hsv = _skimage().color.rgb2hsv(image)
        hue, sat, val = hsv[..., 0] * 360.0, hsv[..., 1], hsv[..., 2]
        expected = _in_range(hue, low, high) & (sat >= min_s) & (val >= min_v)
        judged = _far_from(hue, low) & _far_from(hue, high)
        judged &= (np.abs(sat - min_s) > SV_MARGIN) & (np.abs(val - min_v) > SV_MARGIN)
        wrong = judged & (got != expected)
        if wrong.any():
            r, c = (int(i[0]) for i in np.nonzero(wrong))
            fail(
                f"{call}: {int(wrong.sum())} of {int(judged.sum())} pixels differ from "
                f"scikit-image's HSV, e.g. (row {r}, column {c}), RGB "
                f"{tuple(int(v) for v in image[r, c])}: hue {hue[r, c]:.1f} degrees, saturation "
                f"{sat[r, c]:.2f}, value {val[r, c]:.2f}, so {'in' if expected[r, c] else 'out'}. "
                "Hue is in degrees 0 to 360 (OpenCV's 8-bit HSV halves it), S and V 0 to 1, and "
                "a range with low > high wraps through red."
            )
    pure = np.array([PURE_PIXELS], dtype=np.uint8)
    hsv = _skimage().color.rgb2hsv(pure)[0]
    for low, high, min_s, min_v in PURE_CASES:
        call = f"colour_mask({', '.join(PURE_NAMES)}; {low:g}, {high:g}, {min_s:g}, {min_v:g})"
        got = _array(
            _call(colour_mask, pure, low, high, min_s, min_v, call=call),
            (1, len(PURE_PIXELS)),
            np.bool_,
            call=call,
        )
        expected = _in_range(hsv[:, 0] * 360.0, low, high) & (hsv[:, 1] >= min_s)
        expected &= hsv[:, 2] >= min_v
        expect(
            bool(np.array_equal(got[0], expected)),
            f"{call} gave {got[0].tolist()}, expected {expected.tolist()}: every bound is "
            "included (hue_low <= hue <= hue_high, or, when hue_low > hue_high, hue >= hue_low "
            "or hue <= hue_high; saturation >= min_saturation; value >= min_value).",
        )


def _far_from(hue: Array, bound: float) -> Array:
    """Hues more than HUE_MARGIN degrees from `bound`, around the circle."""
    gap = np.abs(hue - bound) % 360.0
    far: Array = np.minimum(gap, 360.0 - gap) > HUE_MARGIN
    return far


def _in_range(hue: Array, low: float, high: float) -> Array:
    """Hues in [low, high] (degrees), wrapping through 0 when low > high."""
    if low <= high:
        inside: Array = (hue >= low) & (hue <= high)
    else:
        inside = (hue >= low) | (hue <= high)
    return inside


# --- filters ----------------------------------------------------------------------------------


@check("blur is a Gaussian of the given sigma, with OpenCV's border", hint="filters")
def gaussian(ctx: Context) -> None:
    blur = _function(ctx, "blur")
    image = _photo("coins")
    for sigma in BLUR_SIGMAS:
        call = f"blur(coins, {sigma:g})"
        got = _array(_call(blur, image, sigma, call=call), image.shape, np.uint8, call=call)
        radius = math.ceil(3 * sigma)
        expected = np.rint(
            _skimage().filters.gaussian(
                image.astype(np.float64),
                sigma=sigma,
                mode="mirror",
                truncate=radius / sigma,
                preserve_range=True,
            )
        )
        gap = np.abs(got.astype(np.int64) - expected)
        r, c = np.unravel_index(int(gap.argmax()), gap.shape)
        expect(
            gap[r, c] <= BLUR_TOLERANCE,
            f"{call}: (row {r}, column {c}) is {got[r, c]}, expected {expected[r, c]:.0f} "
            f"(scikit-image's Gaussian, mode 'mirror'; {BLUR_TOLERANCE} grey level allowed). "
            "A Gaussian kernel of standard deviation sigma, 2 * ceil(3 sigma) + 1 pixels a side, "
            "OpenCV's default border.",
        )


@check("otsu picks scikit-image's threshold and keeps the pixels above it", hint="threshold")
def threshold(ctx: Context) -> None:
    otsu = _function(ctx, "otsu")
    for name in OTSU_IMAGES:
        image = _photo(name)
        call = f"otsu({name})"
        result = _call(otsu, image, call=call)
        if not (isinstance(result, tuple) and len(result) == 2):
            fail(f"{call} returned {short(result)}, expected a tuple (threshold, mask).")
        t, mask = result
        expected = int(_skimage().filters.threshold_otsu(image))
        expect(
            isinstance(t, int | float | np.integer | np.floating) and t == expected,
            f"{call}: the threshold is {short(t)}, expected {expected} "
            "(skimage.filters.threshold_otsu): the grey level that maximises the variance "
            "between the two classes.",
        )
        mask = _array(mask, image.shape, np.bool_, call=f"{call}[1]")
        reference = image > expected
        if not np.array_equal(mask, reference):
            fail(
                f"{call}: the mask is not the pixels brighter than the threshold ({expected}): "
                f"{_first_difference(mask, reference)}. Keep gray > t, the bright objects."
            )


# --- morphology and contours ------------------------------------------------------------------


@check("disk is scikit-image's disk footprint", hint="morphology")
def footprint(ctx: Context) -> None:
    disk = _function(ctx, "disk")
    for radius in DISK_RADII:
        call = f"disk({radius})"
        expected = _skimage().morphology.disk(radius).astype(np.uint8)
        got = _array(_call(disk, radius, call=call), expected.shape, np.uint8, call=call)
        expect(
            bool(np.array_equal(got, expected)),
            f"{call} is\n{got}\nexpected\n{expected}\n(1 where x^2 + y^2 <= r^2; OpenCV's "
            "MORPH_ELLIPSE differs at the ends of some rows).",
        )


@cache
def _test_masks() -> tuple[tuple[str, Array], ...]:
    """Masks to clean, fill and measure: random blobs with specks, holes and diagonal
    contacts; shapes drawn on purpose; the coins photo's Otsu mask."""
    ndimage = _ndimage()
    rng = np.random.default_rng(8)
    blobs = ndimage.binary_dilation(rng.random((120, 160)) < 0.015, iterations=4)
    specks = rng.random((120, 160)) < 0.04
    noisy = blobs ^ specks
    noisy[:, :5] = True  # a band along the border
    drawn = np.zeros((60, 80), dtype=bool)
    drawn[5:25, 5:25] = True
    drawn[10:20, 10:20] = False  # a square ring: a hole
    drawn[13:17, 13:17] = True  # an island inside the hole
    drawn[30:50, 0:20] = True
    drawn[35:45, 0:10] = False  # a bay open to the image's edge: not a hole
    drawn[30:40, 40:50] = True
    drawn[40:45, 50:55] = True  # touches the square above only at a corner
    drawn[50:60, 60:80] = True
    drawn[54:56, 64:66] = False  # a small hole near the bottom edge
    drawn[2:5, 70:74] = True  # 12 pixels: the size of MIN_AREAS[1]
    coins = _photo("coins")
    coins_mask = coins > int(_skimage().filters.threshold_otsu(coins))
    random = rng.random((60, 80)) < 0.55
    masks = (("noisy", noisy), ("drawn", drawn), ("coins_mask", coins_mask), ("random", random))
    for _, mask in masks:
        mask.flags.writeable = False
    return masks


@check("clean opens then closes with disk(radius), as scikit-image does", hint="morphology")
def morphology(ctx: Context) -> None:
    clean = _function(ctx, "clean")
    skmorph = _skimage().morphology
    for name, mask in _test_masks()[:3]:
        for radius in CLEAN_RADII:
            call = f"clean({name}, {radius})"
            got = _array(_call(clean, mask, radius, call=call), mask.shape, np.bool_, call=call)
            fp = skmorph.disk(radius)
            expected = skmorph.closing(skmorph.opening(mask, fp, mode="ignore"), fp, mode="ignore")
            if not np.array_equal(got, expected):
                fail(
                    f"{call}: {_first_difference(got, expected)}. An opening (erosion, then "
                    "dilation) with disk(radius), then a closing (dilation, then erosion)."
                )


@check("fill_holes fills what the background cannot reach from the edge", hint="contours")
def holes(ctx: Context) -> None:
    fill_holes = _function(ctx, "fill_holes")
    for name, mask in _test_masks():
        call = f"fill_holes({name})"
        got = _array(_call(fill_holes, mask, call=call), mask.shape, np.bool_, call=call)
        expected = _ndimage().binary_fill_holes(mask)
        if not np.array_equal(got, expected):
            fail(
                f"{call}: {_first_difference(got, expected)} (scipy.ndimage.binary_fill_holes). "
                "A hole is background that no 4-connected path links to the image's edge."
            )


@dataclass(frozen=True)
class _Region:
    area: int
    centroid: tuple[float, float]
    box: tuple[int, int, int, int]


def _regions(mask: Array, min_area: int) -> list[_Region]:
    """regionprops of the 8-connected regions, in the contract's units, sorted by (y, x)."""
    measure = _skimage().measure
    regions = []
    for prop in measure.regionprops(measure.label(mask, connectivity=2)):
        if prop.area >= min_area:
            row, col = prop.centroid
            top, left, bottom, right = prop.bbox
            box = (left, top, right - left, bottom - top)
            regions.append(_Region(int(prop.area), (float(col), float(row)), box))
    return sorted(regions, key=lambda r: (r.centroid[1], r.centroid[0]))


def _as_regions(result: Any, call: str) -> list[_Region]:
    """The learner's blobs, read through their attributes, sorted as `_regions` sorts."""
    if not isinstance(result, Sequence):
        fail(f"{call} returned {type(result).__name__}, expected a list of Blob.")
    regions = []
    for blob in result:
        try:
            area, (cx, cy), box = blob.area, blob.centroid, tuple(blob.box)
        except (AttributeError, TypeError, ValueError):
            fail(f"{call}: {short(blob)} is no Blob(area, centroid=(x, y), box=(x, y, w, h)).")
        expect(len(box) == 4, f"{call}: a box is (x, y, width, height), got {short(box)}.")
        regions.append(_Region(area, (float(cx), float(cy)), box))
    return sorted(regions, key=lambda r: (r.centroid[1], r.centroid[0]))


@check("blobs measures 8-connected regions as regionprops does", hint="measure")
def measured(ctx: Context) -> None:
    blobs = _function(ctx, "blobs")
    for name, mask in _test_masks():
        for min_area in MIN_AREAS:
            call = f"blobs({name}, min_area={min_area})"
            got = _as_regions(_call(blobs, mask, min_area, call=call), call)
            expected = _regions(mask, min_area)
            expect(
                len(got) == len(expected),
                f"{call} found {len(got)} regions, expected {len(expected)} (8-connected: "
                "pixels touching by a corner are one region; keep those of at least min_area "
                "pixels).",
            )
            for mine, ref in zip(got, expected, strict=True):
                x, y = ref.centroid
                where = f"{call}: the region around (x, y) = ({x:.1f}, {y:.1f})"
                expect(
                    bool(np.allclose(mine.centroid, ref.centroid, rtol=0, atol=1e-6)),
                    f"{where} has centroid {short(mine.centroid)}: the mean (column, row) of "
                    "its pixels, x first.",
                )
                expect(
                    mine.area == ref.area,
                    f"{where}: area {mine.area}, expected {ref.area} "
                    "pixels (a count of pixels, not the contour's polygon area).",
                )
                expect(
                    mine.box == ref.box,
                    f"{where}: box {short(mine.box)}, expected {ref.box} "
                    "(x, y, width, height) of the smallest rectangle around it.",
                )


@check("to_gray, blur, otsu and disk refuse bad input with a ValueError", hint="errors")
def errors(ctx: Context) -> None:
    to_gray, blur, otsu, disk = (_function(ctx, n) for n in ("to_gray", "blur", "otsu", "disk"))
    gray = np.zeros((4, 6), dtype=np.uint8)
    rgb = np.zeros((4, 6, 3), dtype=np.uint8)
    shape_words = ("shape", "channel", "2-d", "3-d", "dimension")
    # to_gray's shape errors also say what it needs: three channels, RGB.
    colour_words = tuple((w, n) for w in shape_words for n in ("3", "three", "rgb"))
    Words = tuple[str | tuple[str, ...], ...]
    cases: list[tuple[Callable[..., Any], tuple[Any, ...], str, Words]] = [
        (to_gray, (gray,), "to_gray(a grey (4, 6) image)", colour_words),
        (
            to_gray,
            (np.zeros((4, 6, 4), np.uint8),),
            "to_gray(a (4, 6, 4) RGBA image)",
            colour_words,
        ),
        (to_gray, (rgb.astype(np.float64),), "to_gray(a float64 image)", ("uint8", "dtype")),
        (otsu, (rgb,), "otsu(a (4, 6, 3) colour image)", shape_words),
        (otsu, (gray.astype(np.float64),), "otsu(a float64 image)", ("uint8", "dtype")),
        (blur, (gray, 0.0), "blur(gray, sigma=0)", ("sigma",)),
        (disk, (-1,), "disk(-1)", ("radius",)),
    ]
    for func, args, call, words in cases:
        expect_raises(
            ValueError,
            func,
            *args,
            call=call,
            mentions_any=words,
            problem="what is wrong with the input",
            note="Check the input before OpenCV sees it: its own errors are hard to read.",
        )


# --- the pipeline -----------------------------------------------------------------------------


def generated_coins(seed: int) -> tuple[Array, list[tuple[float, float, float]]]:
    """A grey image of coins on a background lit unevenly, and each coin's (x, y, radius).

    The lighting rises linearly across the image in a random direction; each coin is a disc
    brighter than the background behind it, with dark engravings inside; then a slight blur
    (the lens) and noise (the sensor).
    """
    rng = np.random.default_rng(seed)
    height, width = GENERATED_SHAPE
    yy, xx = np.mgrid[:height, :width].astype(np.float64)
    angle = rng.uniform(0.0, 2.0 * math.pi)
    ramp = math.cos(angle) * xx + math.sin(angle) * yy
    ramp = (ramp - ramp.min()) / (ramp.max() - ramp.min())
    lighting = LIGHTING[0] + (LIGHTING[1] - LIGHTING[0]) * ramp
    image = lighting.copy()
    coins: list[tuple[float, float, float]] = []
    while len(coins) < GENERATED_COINS:
        r = rng.uniform(*RADIUS_RANGE)
        x, y = rng.uniform(r + 3, width - r - 3), rng.uniform(r + 3, height - r - 3)
        if all(math.hypot(x - cx, y - cy) >= r + cr + COIN_GAP for cx, cy, cr in coins):
            coins.append((x, y, r))
    for x, y, r in coins:
        distance2 = (xx - x) ** 2 + (yy - y) ** 2
        contrast = rng.uniform(*CONTRAST)
        image[distance2 <= r * r] += contrast
        for _ in range(int(rng.integers(2, 5))):
            ex, ey = x + rng.uniform(-0.5, 0.5) * r, y + rng.uniform(-0.5, 0.5) * r
            er = rng.uniform(0.1, 0.25) * r
            mark = ((xx - ex) ** 2 + (yy - ey) ** 2 <= er * er) & (distance2 <= (0.75 * r) ** 2)
            image[mark] -= contrast * rng.uniform(0.5, 0.9)
    image = _ndimage().gaussian_filter(image, 1.0) + rng.normal(0.0, NOISE, image.shape)
    return np.clip(np.rint(image), 0, 255).astype(np.uint8), coins


@dataclass(frozen=True)
class Matching:
    """How the blobs found compare with the coins: each coin found or missed, each blob a coin
    or a false one."""

    found: int
    false_blobs: int
    problems: tuple[str, ...]


def match(
    blobs: list[_Region],
    coins: Sequence[tuple[float, float, float]],
    true_areas: Sequence[float],
    centre_tolerance: float,
    area_tolerance: float,
) -> Matching:
    """A coin is found when exactly one blob has its centroid within centre_tolerance x r of
    the coin's centre, and that blob's area is within area_tolerance of the coin's."""
    used: set[int] = set()
    problems = []
    for (x, y, r), area in zip(coins, true_areas, strict=True):
        near = [
            i
            for i, b in enumerate(blobs)
            if math.hypot(b.centroid[0] - x, b.centroid[1] - y) <= centre_tolerance * r
        ]
        coin = f"the coin at (x, y) = ({x:.0f}, {y:.0f}), radius {r:.0f}"
        if not near:
            problems.append(f"{coin}: no blob centred within {centre_tolerance:g} r of it")
        elif len(near) > 1:
            problems.append(f"{coin}: {len(near)} blobs centred on it")
        elif abs(blobs[near[0]].area / area - 1.0) > area_tolerance:
            problems.append(
                f"{coin}: its blob has {blobs[near[0]].area} pixels, expected {area:.0f} "
                f"within {area_tolerance:.0%}"
            )
        else:
            used.add(near[0])
    extra = [b for i, b in enumerate(blobs) if i not in used]
    problems += [
        f"a blob at (x, y) = ({b.centroid[0]:.0f}, {b.centroid[1]:.0f}) of {b.area} pixels "
        "matches no coin"
        for b in extra
        if not any(
            math.hypot(b.centroid[0] - x, b.centroid[1] - y) <= centre_tolerance * r
            for x, y, r in coins
        )
    ]
    return Matching(len(used), len(blobs) - len(used), tuple(problems))


@check("find_coins finds every coin of generated images, at its place and size", hint="pipeline")
def generated(ctx: Context) -> None:
    find_coins = _function(ctx, "find_coins")
    for seed in GENERATED_SEEDS:
        image, coins = generated_coins(seed)
        call = f"find_coins(generated image, seed {seed})"
        blobs = _as_regions(_call(find_coins, image, call=call), call)
        yy, xx = np.mgrid[: image.shape[0], : image.shape[1]]
        areas = [float(((xx - x) ** 2 + (yy - y) ** 2 <= r * r).sum()) for x, y, r in coins]
        result = match(blobs, coins, areas, GENERATED_CENTRE_TOLERANCE, GENERATED_AREA_TOLERANCE)
        expect(
            not result.problems,
            f"{call}: {result.found} of {len(coins)} coins found, {result.false_blobs} other "
            f"blobs; {result.problems[0] if result.problems else ''}. These coins are "
            f"{RADIUS_RANGE[0]:g} to {RADIUS_RANGE[1]:g} pixels in radius, under lighting "
            "that changes across the image: see the brief.",
        )


@check("find_coins counts the 24 coins of the photo, each where it lies", hint="pipeline")
def photo(ctx: Context) -> None:
    find_coins = _function(ctx, "find_coins")
    image = _photo("coins")
    call = "find_coins(coins)"
    blobs = _as_regions(_call(find_coins, image, call=call), call)
    areas = [math.pi * r * r for _, _, r in PHOTO_COINS]
    result = match(blobs, PHOTO_COINS, areas, PHOTO_CENTRE_TOLERANCE, PHOTO_AREA_TOLERANCE)
    ctx.record("coins_found", result.found)
    ctx.record("false_blobs", result.false_blobs)
    first = f" First: {result.problems[0]}." if result.problems else ""
    expect_bar(ctx, "coins_found", result.found, note=f"{call}: coins found.{first}")
    expect_bar(ctx, "false_blobs", result.false_blobs, note=f"{call}: false blobs.{first}")
