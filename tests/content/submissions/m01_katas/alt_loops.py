"""Correct: the katas with explicit loops and index arithmetic, no comprehension tricks."""

from __future__ import annotations

import csv
import math
import os
import string
import unicodedata


def is_palindrome(text):
    kept = []
    for ch in text:
        if ch.isalnum():
            kept.append(ch.casefold())
    i, j = 0, len(kept) - 1
    while i < j:
        if kept[i] != kept[j]:
            return False
        i += 1
        j -= 1
    return True


def slugify(title):
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words, current = [], ""
    for ch in ascii_text.lower():
        if ch in string.ascii_lowercase or ch in string.digits:
            current += ch
        elif current:
            words.append(current)
            current = ""
    if current:
        words.append(current)
    return "-".join(words)


def word_counts(text):
    counts = {}
    for raw in text.split():
        word = raw.strip(string.punctuation).lower()
        if word:
            counts[word] = counts.get(word, 0) + 1
    return counts


def chunk(items, size):
    if size < 1:
        raise ValueError(f"size must be at least 1, got {size}")
    out, start = [], 0
    while start < len(items):
        out.append(list(items[start : start + size]))
        start += size
    return out


def moving_average(values, window):
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    means = []
    for end in range(window, len(values) + 1):
        means.append(sum(values[end - window : end]) / window)
    return means


def dedupe(items):
    seen, out = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def jaccard(a, b):
    first, second = set(a), set(b)
    union = first | second
    if not union:
        return 1.0
    return len(first & second) / len(union)


_MISSING = object()


def deep_get(data, path, default=None):
    if path == "":
        return data
    node = data
    for key in path.split("."):
        if not isinstance(node, dict):
            return default
        node = node.get(key, _MISSING)
        if node is _MISSING:
            return default
    return node


def flatten(nested):
    out = []
    stack = [iter(nested)]
    while stack:
        for item in stack[-1]:
            if isinstance(item, list):
                stack.append(iter(item))
                break
            out.append(item)
        else:
            stack.pop()
    return out


def flatten_dict(data, sep="."):
    out = {}
    pending = [("", data)]
    while pending:
        prefix, node = pending.pop(0)
        for key, value in node.items():
            name = f"{prefix}{sep}{key}" if prefix else key
            if isinstance(value, dict):
                pending.append((name, value))
            else:
                out[name] = value
    return out


class QueueFull(Exception):
    pass


class BoundedQueue:
    def __init__(self, capacity):
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, got {capacity}")
        self.capacity = capacity
        self._slots = [None] * capacity  # a ring buffer
        self._head = 0
        self._size = 0

    def push(self, item):
        if self._size == self.capacity:
            raise QueueFull(f"the queue is full (capacity {self.capacity})")
        self._slots[(self._head + self._size) % self.capacity] = item
        self._size += 1

    def pop(self):
        item = self.peek()
        self._slots[self._head] = None
        self._head = (self._head + 1) % self.capacity
        self._size -= 1
        return item

    def peek(self):
        if self._size == 0:
            raise IndexError("the queue is empty")
        return self._slots[self._head]

    def is_full(self):
        return self._size == self.capacity

    def __len__(self):
        return self._size

    def __repr__(self):
        items = [self._slots[(self._head + i) % self.capacity] for i in range(self._size)]
        return f"BoundedQueue({items!r}, capacity={self.capacity})"


def parse_age(text):
    stripped = text.strip()
    digits = stripped[1:] if stripped[:1] in "+-" else stripped
    if not digits.isdigit() or not digits.isascii():
        raise ValueError(f"not a whole number: {text!r}")
    age = int(stripped)
    if age < 0 or age > 150:
        raise ValueError(f"age out of range (0-150): {age}")
    return age


def clean_lines(src, dst):
    with open(src, encoding="utf-8") as f:
        kept = [line.strip() for line in f]
    kept = [line for line in kept if line and not line.startswith("#")]
    folder = os.path.dirname(os.fspath(dst))
    if folder:
        os.makedirs(folder, exist_ok=True)
    with open(dst, "w", encoding="utf-8") as f:
        for line in kept:
            f.write(line + "\n")
    return len(kept)


def column_mean(path, column):
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, [])
        if column not in header:
            raise ValueError(f"no column {column!r} in {os.fspath(path)}")
        index = header.index(column)
        total, count = 0.0, 0
        for row in reader:
            try:
                value = float(row[index])
            except (IndexError, ValueError):
                continue
            if not math.isnan(value):
                total += value
                count += 1
    if count == 0:
        raise ValueError(f"no numbers in column {column!r}")
    return total / count
