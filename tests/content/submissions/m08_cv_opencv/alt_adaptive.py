"""Correct another way: 8-bit HSV with cv2.inRange (hues halved), the blur's kernel size left
to OpenCV, Otsu's threshold computed from the histogram with NumPy, the disk from distances,
the morphology as explicit erosions and dilations, holes found by flood-filling the background
from outside a padded mask, regions measured with np.bincount, and a local threshold
(cv2.adaptiveThreshold) in find_coins."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


@dataclass(frozen=True)
class Blob:
    area: int
    centroid: tuple[float, float]
    box: tuple[int, int, int, int]


def _check(image, name, ndim):
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8:
        raise ValueError(f"{name} takes uint8 images, not {getattr(image, 'dtype', image)!r}")
    if image.ndim != ndim or (ndim == 3 and image.shape[2] != 3):
        raise ValueError(f"{name}: wrong shape {image.shape}, expected {ndim} dimensions")


def to_gray(rgb):
    _check(rgb, "to_gray", 3)
    return cv2.cvtColor(np.ascontiguousarray(rgb[..., ::-1]), cv2.COLOR_BGR2GRAY)


def colour_mask(rgb, hue_low, hue_high, min_saturation=0.0, min_value=0.0):
    _check(rgb, "colour_mask", 3)
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)  # H in 0..179 (degrees / 2), S and V in 0..255
    h = hsv[..., 0].astype(np.float64) * 2.0
    lowest = np.array([0, np.ceil(min_saturation * 255), np.ceil(min_value * 255)], np.uint8)
    strong = cv2.inRange(hsv, lowest, np.array([180, 255, 255], np.uint8)) > 0
    if hue_low <= hue_high:
        return strong & (h >= hue_low) & (h <= hue_high)
    return strong & ((h >= hue_low) | (h <= hue_high))


def blur(gray, sigma):
    _check(gray, "blur", 2)
    if sigma <= 0:
        raise ValueError(f"blur needs sigma > 0, got sigma={sigma}")
    return cv2.GaussianBlur(gray, (0, 0), sigmaX=sigma, sigmaY=sigma)


def otsu(gray):
    _check(gray, "otsu", 2)
    p = np.bincount(gray.ravel(), minlength=256) / gray.size
    levels = np.arange(256)
    weight0 = np.cumsum(p)
    mass0 = np.cumsum(p * levels)
    weight1 = 1.0 - weight0
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mass0[-1] * weight0 - mass0) ** 2 / (weight0 * weight1)
    t = int(np.nanargmax(np.where(weight1 > 0, between, np.nan)))
    return t, gray > t


def disk(radius):
    if radius < 0:
        raise ValueError("disk: negative radius")
    d = np.arange(-radius, radius + 1)
    return (np.hypot(d[:, None], d[None, :]) <= radius).astype(np.uint8)


def clean(mask, radius):
    fp = disk(radius)
    m = mask.astype(np.uint8)
    m = cv2.dilate(cv2.erode(m, fp), fp)
    m = cv2.erode(cv2.dilate(m, fp), fp)
    return m.astype(bool)


def fill_holes(mask):
    padded = np.pad(mask.astype(np.uint8), 1)
    outside = padded.copy()
    flood = np.zeros((padded.shape[0] + 2, padded.shape[1] + 2), np.uint8)
    cv2.floodFill(outside, flood, (0, 0), 1, flags=4)
    holes = outside == 0
    return (padded.astype(bool) | holes)[1:-1, 1:-1]


def blobs(mask, min_area):
    n, labels = cv2.connectedComponents(mask.astype(np.uint8), connectivity=8)
    rows, cols = np.indices(mask.shape)
    flat = labels.ravel()
    count = np.bincount(flat, minlength=n)
    sum_x = np.bincount(flat, weights=cols.ravel(), minlength=n)
    sum_y = np.bincount(flat, weights=rows.ravel(), minlength=n)
    result = []
    for i in range(1, n):
        if count[i] < min_area:
            continue
        ys, xs = np.nonzero(labels == i)
        box = (
            int(xs.min()),
            int(ys.min()),
            int(xs.max() - xs.min() + 1),
            int(ys.max() - ys.min() + 1),
        )
        result.append(Blob(int(count[i]), (sum_x[i] / count[i], sum_y[i] / count[i]), box))
    return result


def find_coins(gray):
    _check(gray, "find_coins", 2)
    smooth = blur(gray, 2)
    local = cv2.adaptiveThreshold(
        smooth, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 101, -5
    )
    return blobs(clean(fill_holes(local > 0), 3), 300)
