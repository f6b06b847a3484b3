"""Month 1 katas: fourteen small Python challenges, solved.

Each function does one job, says its contract in its docstring, and carries one comment on
why it is right. Read them next to your own: there is more than one good answer.
"""

from __future__ import annotations

import csv
import math
import re
import string
import unicodedata
from collections import Counter, deque
from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
H = TypeVar("H", bound=Hashable)

# -- strings -----------------------------------------------------------------------------------


def is_palindrome(text: str) -> bool:
    """True if `text` reads the same both ways, counting only letters and digits, any case.

    >>> is_palindrome("A man, a plan, a canal: Panama")
    True
    """
    # casefold() is the Unicode-aware lower(); isalnum() keeps letters and digits of any script.
    kept = [ch for ch in text.casefold() if ch.isalnum()]
    return kept == kept[::-1]


def slugify(title: str) -> str:
    """A URL- and file-name-safe version of `title`: lowercase ASCII words joined by "-".

    Accents are dropped ("é" -> "e"), every run of other characters becomes one "-", and
    the result never starts or ends with "-".

    >>> slugify("Crème Brûlée, 2nd try!")
    'creme-brulee-2nd-try'
    """
    # NFKD splits "é" into "e" + a combining accent; encoding to ASCII drops the accent.
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    # One "-" per run of anything else; strip("-") removes the runs at either end.
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def word_counts(text: str) -> dict[str, int]:
    """How often each word occurs in `text`.

    Words are split on whitespace, lowercased, and stripped of punctuation at both ends
    ("Hello," -> "hello"; "don't" stays "don't"); nothing left means no word.

    >>> word_counts("The cat saw the dog.")
    {'the': 2, 'cat': 1, 'saw': 1, 'dog': 1}
    """
    # split() with no argument splits on any run of whitespace and never yields "".
    words = (raw.strip(string.punctuation).lower() for raw in text.split())
    return dict(Counter(word for word in words if word))


# -- lists -------------------------------------------------------------------------------------


def chunk(items: list[T], size: int) -> list[list[T]]:
    """`items` cut into consecutive lists of `size` (the last one may be shorter).

    Raises ValueError (its message gives the bad size) if `size` is less than 1.

    >>> chunk([1, 2, 3, 4, 5], 2)
    [[1, 2], [3, 4], [5]]
    """
    if size < 1:
        raise ValueError(f"size must be at least 1, got {size}")
    # Slicing past the end is safe in Python, so the last, shorter batch needs no special case.
    return [items[start : start + size] for start in range(0, len(items), size)]


def moving_average(values: list[float], window: int) -> list[float]:
    """The mean of every run of `window` consecutive values, in order.

    The result has len(values) - window + 1 numbers (none if the window is longer than the
    list). Raises ValueError (its message gives the bad window) if `window` is less than 1.

    >>> moving_average([1, 2, 3, 4], 2)
    [1.5, 2.5, 3.5]
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    # The last window starts at len - window, so the range stops one past it; when the
    # window is longer than the list the range is empty, and so is the result.
    return [sum(values[i : i + window]) / window for i in range(len(values) - window + 1)]


# -- sets --------------------------------------------------------------------------------------


def dedupe(items: Iterable[H]) -> list[H]:
    """The items without repeats, each kept where it first appeared.

    >>> dedupe([3, 1, 3, 2, 1])
    [3, 1, 2]
    """
    seen: set[H] = set()
    unique: list[H] = []
    for item in items:
        # A set answers "seen before?" in constant time; a list would make this O(n²).
        if item not in seen:
            seen.add(item)
            unique.append(item)
    return unique


def jaccard(a: Iterable[Hashable], b: Iterable[Hashable]) -> float:
    """The Jaccard similarity of the two collections: |A ∩ B| / |A ∪ B| of their sets.

    Repeats do not count. Two empty collections are identical: 1.0.

    >>> jaccard(["cat", "dog", "fish"], ["dog", "fish", "bird"])
    0.5
    """
    set_a, set_b = set(a), set(b)
    union = set_a | set_b
    if not union:  # both empty: define as identical rather than divide by zero
        return 1.0
    return len(set_a & set_b) / len(union)


# -- dicts -------------------------------------------------------------------------------------


def deep_get(data: Mapping[str, Any], path: str, default: Any = None) -> Any:
    """The value at the dotted `path` in nested dicts, or `default` if it is not there.

    "model.lr" means data["model"]["lr"]. A missing key, or a step into something that is
    not a dict, gives `default` (never an exception). The empty path gives `data` itself.

    >>> deep_get({"model": {"lr": 0.01}}, "model.lr")
    0.01
    """
    if path == "":
        return data
    node: Any = data
    for key in path.split("."):
        # Look before you leap: only a mapping holding the key lets us take the next step.
        if not isinstance(node, Mapping) or key not in node:
            return default
        node = node[key]
    return node


# -- recursion ---------------------------------------------------------------------------------


def flatten(nested: list[Any]) -> list[Any]:
    """All the non-list items of a list of lists (nested to any depth), in order.

    Only lists are opened: strings, tuples and dicts are items.

    >>> flatten([1, [2, [3, [4]]], 5])
    [1, 2, 3, 4, 5]
    """
    flat: list[Any] = []
    for item in nested:
        if isinstance(item, list):
            flat.extend(flatten(item))  # the recursive case: a smaller list of the same kind
        else:
            flat.append(item)  # the base case: an item is itself
    return flat


def flatten_dict(data: Mapping[str, Any], sep: str = ".") -> dict[str, Any]:
    """Nested dicts as one flat dict whose keys are the paths joined by `sep`.

    An empty nested dict contributes nothing; other values (lists too) are kept as they are.

    >>> flatten_dict({"model": {"lr": 0.1, "layers": [64, 32]}, "seed": 0})
    {'model.lr': 0.1, 'model.layers': [64, 32], 'seed': 0}
    """
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, Mapping):
            # Flatten the inner dict the same way, then prefix each of its keys with ours.
            for inner_key, inner_value in flatten_dict(value, sep).items():
                flat[f"{key}{sep}{inner_key}"] = inner_value
        else:
            flat[key] = value
    return flat


# -- classes -----------------------------------------------------------------------------------


class QueueFull(Exception):
    """Raised by BoundedQueue.push when the queue already holds `capacity` items."""


class BoundedQueue:
    """A first-in, first-out queue that holds at most `capacity` items.

    `push` adds at the back, `pop` takes from the front, `peek` looks at the front;
    len() counts the items, repr() shows them front first, and `capacity` is the limit.
    Errors: ValueError for a capacity below 1, QueueFull when pushing onto a full queue
    (its message gives the capacity), IndexError when popping or peeking an empty one.

    >>> q = BoundedQueue(2)
    >>> q.push("a"); q.push("b")
    >>> q
    BoundedQueue(['a', 'b'], capacity=2)
    >>> q.pop(), len(q)
    ('a', 1)
    """

    def __init__(self, capacity: int) -> None:
        """An empty queue; ValueError (giving the bad capacity) if `capacity` is below 1."""
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, got {capacity}")
        self.capacity = capacity
        # A deque pops from the front in O(1); list.pop(0) would shift every item.
        self._items: deque[Any] = deque()

    def push(self, item: Any) -> None:
        """Add `item` at the back; QueueFull if the queue is full."""
        if self.is_full():
            raise QueueFull(f"queue is full (capacity {self.capacity})")
        self._items.append(item)

    def pop(self) -> Any:
        """Remove and return the front item; IndexError if the queue is empty."""
        if not self._items:
            raise IndexError("pop from an empty BoundedQueue")
        return self._items.popleft()

    def peek(self) -> Any:
        """The front item, left in place; IndexError if the queue is empty."""
        if not self._items:
            raise IndexError("peek at an empty BoundedQueue")
        return self._items[0]

    def is_full(self) -> bool:
        """True when the queue holds `capacity` items."""
        return len(self._items) >= self.capacity

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"BoundedQueue({list(self._items)!r}, capacity={self.capacity})"


# -- error handling ----------------------------------------------------------------------------


def parse_age(text: str) -> int:
    """An age in whole years read from `text` (surrounding whitespace allowed).

    Raises ValueError("not a whole number: '<text>'") if `text` is not an integer, and
    ValueError("age out of range (0-150): <age>") if it is below 0 or above 150.

    >>> parse_age(" 42 ")
    42
    """
    try:
        age = int(text)  # int() itself ignores surrounding whitespace
    except ValueError:
        # Replace int()'s message with one about *our* input; `from None` hides the noise.
        raise ValueError(f"not a whole number: {text!r}") from None
    if not 0 <= age <= 150:
        raise ValueError(f"age out of range (0-150): {age}")
    return age


# -- files -------------------------------------------------------------------------------------


def clean_lines(src: str | Path, dst: str | Path) -> int:
    """Copy the meaningful lines of the text file `src` to `dst`; return how many.

    Each line is stripped of surrounding whitespace; empty lines and lines starting with
    "#" are dropped; the rest are written one per line ("\\n" after each). Both files are
    UTF-8; the folders of `dst` are created if needed. A missing `src` raises
    FileNotFoundError (do not hide it).

    Example: with raw.txt holding "# note\\n\\n  a  \\nb\\n",
    clean_lines("raw.txt", "out/clean.txt") returns 2 and out/clean.txt holds "a\\nb\\n".
    """
    # Read first: if `src` is missing, the error comes before anything is created.
    with open(src, encoding="utf-8") as infile:
        stripped = (line.strip() for line in infile)  # a file iterates over its lines
        kept = [line for line in stripped if line and not line.startswith("#")]
    out = Path(dst)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as outfile:  # `with` closes the file, even on error
        outfile.writelines(f"{line}\n" for line in kept)
    return len(kept)


def column_mean(path: str | Path, column: str) -> float:
    """The mean of the numbers in `column` of the CSV file at `path` (UTF-8, with a header).

    Rows whose value is missing, empty, not a number, or NaN are skipped. Raises ValueError
    if the header has no such column, or if no row holds a number in it; a missing file
    raises FileNotFoundError.

    Example: with scores.csv holding "name,score\\nann,1\\nbob,n/a\\ncid,3\\n",
    column_mean("scores.csv", "score") returns 2.0.
    """
    numbers: list[float] = []
    # newline="" lets the csv module handle line ends (even inside quoted fields) itself.
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)  # reads the header; each row becomes {column: text}
        if column not in (reader.fieldnames or []):
            raise ValueError(f"no column {column!r} in {path}")
        for row in reader:
            try:
                value = float(row[column])
            except (TypeError, ValueError):  # None for a short row; text that is no number
                continue
            if not math.isnan(value):  # "nan" parses, but it is a missing value, not a number
                numbers.append(value)
    if not numbers:
        raise ValueError(f"no numbers in column {column!r} of {path}")
    return sum(numbers) / len(numbers)
