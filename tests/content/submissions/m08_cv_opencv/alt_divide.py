"""Correct another way: grey levels by cv2.transform with the weights written out, HSV of a
float image with the hue range tested modulo 360, a separable blur from cv2.getGaussianKernel,
holes found as the inner contours of cv2.RETR_CCOMP's two-level hierarchy, regions measured
with the image moments of each label, and in find_coins the lighting divided out instead of
subtracted."""

from __future__ import annotations

import math
from typing import NamedTuple

import cv2
import numpy as np


class Blob(NamedTuple):
    area: int
    centroid: tuple[float, float]
    box: tuple[int, int, int, int]


def _grey(image, name):
    if not (isinstance(image, np.ndarray) and image.dtype == np.uint8 and image.ndim == 2):
        raise ValueError(
            f"{name} wants a 2-D uint8 grey image; got {getattr(image, 'shape', image)}"
            f" of dtype {getattr(image, 'dtype', type(image))}"
        )


def to_gray(rgb):
    if not isinstance(rgb, np.ndarray) or rgb.dtype != np.uint8:
        raise ValueError("to_gray wants uint8 pixels")
    if rgb.ndim != 3 or rgb.shape[-1] != 3:
        raise ValueError(f"to_gray wants 3 channels (R, G, B), got shape {rgb.shape}")
    weights = np.array([[0.299, 0.587, 0.114]], dtype=np.float32)
    return cv2.transform(rgb, weights)


def colour_mask(rgb, hue_low, hue_high, min_saturation=0.0, min_value=0.0):
    hsv = cv2.cvtColor(rgb.astype(np.float32) * (1 / 255), cv2.COLOR_RGB2HSV)
    width = (hue_high - hue_low) % 360
    inside = (hsv[..., 0] - hue_low) % 360 <= width
    return inside & (hsv[..., 1] >= min_saturation) & (hsv[..., 2] >= min_value)


def blur(gray, sigma):
    _grey(gray, "blur")
    if not sigma > 0:
        raise ValueError(f"sigma must be above 0 (got {sigma})")
    kernel = cv2.getGaussianKernel(2 * math.ceil(3 * sigma) + 1, sigma)
    return cv2.sepFilter2D(gray, -1, kernel, kernel)


def otsu(gray):
    _grey(gray, "otsu")
    t, _ = cv2.threshold(gray, 0, 1, cv2.THRESH_TOZERO | cv2.THRESH_OTSU)
    return int(t), cv2.compare(gray, t, cv2.CMP_GT) == 255


def disk(radius):
    if radius < 0:
        raise ValueError("a disk has a radius of 0 or more")
    squares = np.arange(-radius, radius + 1) ** 2
    return (np.add.outer(squares, squares) <= radius**2).astype(np.uint8)


def clean(mask, radius):
    kernel = disk(radius)
    m = cv2.morphologyEx(np.uint8(mask), cv2.MORPH_OPEN, kernel)
    return np.bool_(cv2.morphologyEx(m, cv2.MORPH_CLOSE, kernel))


def fill_holes(mask):
    m = mask.astype(np.uint8)
    contours, hierarchy = cv2.findContours(m, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_NONE)
    out = m.copy()
    if hierarchy is not None:
        holes = [
            c for c, h in zip(contours, hierarchy[0], strict=True) if h[3] >= 0
        ]  # has a parent
        cv2.drawContours(out, holes, -1, 1, cv2.FILLED)
    return out > 0


def blobs(mask, min_area):
    n, labels = cv2.connectedComponents(np.uint8(mask), connectivity=8)
    found = []
    for i in range(1, n):
        region = np.uint8(labels == i)
        m = cv2.moments(region, binaryImage=True)
        if m["m00"] >= min_area:
            centre = (m["m10"] / m["m00"], m["m01"] / m["m00"])
            found.append(Blob(int(m["m00"]), centre, tuple(cv2.boundingRect(region))))
    return found


def find_coins(gray):
    _grey(gray, "find_coins")
    smooth = blur(gray, 2).astype(np.float32)
    lighting = cv2.GaussianBlur(smooth, (0, 0), 30)
    ratio = cv2.normalize(smooth / lighting, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)
    _, mask = otsu(ratio)
    return blobs(clean(fill_holes(mask), 3), 300)
