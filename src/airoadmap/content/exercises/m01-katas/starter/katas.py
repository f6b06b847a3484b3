"""Month 1 katas: fourteen small Python challenges.

Each function (and the BoundedQueue class) says what it must do in its docstring, with an
example. Replace every `raise NotImplementedError` under a "# TODO:" with your code, one kata
at a time, and run `airoadmap check m01-katas` as you go: katas you have not started read
NOT ATTEMPTED, not FAIL. Import whatever you need from the standard library at the top.
"""

from __future__ import annotations

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
    # TODO: return True or False as the docstring says.
    raise NotImplementedError


def slugify(title: str) -> str:
    """A URL- and file-name-safe version of `title`: lowercase ASCII words joined by "-".

    Accents are dropped ("é" -> "e"), every run of other characters becomes one "-", and
    the result never starts or ends with "-".

    >>> slugify("Crème Brûlée, 2nd try!")
    'creme-brulee-2nd-try'
    """
    # TODO: build and return the slug.
    raise NotImplementedError


def word_counts(text: str) -> dict[str, int]:
    """How often each word occurs in `text`.

    Words are split on whitespace, lowercased, and stripped of punctuation at both ends
    ("Hello," -> "hello"; "don't" stays "don't"); nothing left means no word.

    >>> word_counts("The cat saw the dog.")
    {'the': 2, 'cat': 1, 'saw': 1, 'dog': 1}
    """
    # TODO: count the words and return the dict.
    raise NotImplementedError


# -- lists -------------------------------------------------------------------------------------


def chunk(items: list[T], size: int) -> list[list[T]]:
    """`items` cut into consecutive lists of `size` (the last one may be shorter).

    Raises ValueError (its message gives the bad size) if `size` is less than 1.

    >>> chunk([1, 2, 3, 4, 5], 2)
    [[1, 2], [3, 4], [5]]
    """
    # TODO: check `size`, then return the list of chunks.
    raise NotImplementedError


def moving_average(values: list[float], window: int) -> list[float]:
    """The mean of every run of `window` consecutive values, in order.

    The result has len(values) - window + 1 numbers (none if the window is longer than the
    list). Raises ValueError (its message gives the bad window) if `window` is less than 1.

    >>> moving_average([1, 2, 3, 4], 2)
    [1.5, 2.5, 3.5]
    """
    # TODO: check `window`, then return the list of means.
    raise NotImplementedError


# -- sets --------------------------------------------------------------------------------------


def dedupe(items: Iterable[H]) -> list[H]:
    """The items without repeats, each kept where it first appeared.

    >>> dedupe([3, 1, 3, 2, 1])
    [3, 1, 2]
    """
    # TODO: return the items without repeats, in first-seen order.
    raise NotImplementedError


def jaccard(a: Iterable[Hashable], b: Iterable[Hashable]) -> float:
    """The Jaccard similarity of the two collections: |A ∩ B| / |A ∪ B| of their sets.

    Repeats do not count. Two empty collections are identical: 1.0.

    >>> jaccard(["cat", "dog", "fish"], ["dog", "fish", "bird"])
    0.5
    """
    # TODO: return |A ∩ B| / |A ∪ B| (and 1.0 when both are empty).
    raise NotImplementedError


# -- dicts -------------------------------------------------------------------------------------


def deep_get(data: Mapping[str, Any], path: str, default: Any = None) -> Any:
    """The value at the dotted `path` in nested dicts, or `default` if it is not there.

    "model.lr" means data["model"]["lr"]. A missing key, or a step into something that is
    not a dict, gives `default` (never an exception). The empty path gives `data` itself.

    >>> deep_get({"model": {"lr": 0.01}}, "model.lr")
    0.01
    """
    # TODO: walk the dotted path; return `default` when a step fails.
    raise NotImplementedError


# -- recursion ---------------------------------------------------------------------------------


def flatten(nested: list[Any]) -> list[Any]:
    """All the non-list items of a list of lists (nested to any depth), in order.

    Only lists are opened: strings, tuples and dicts are items.

    >>> flatten([1, [2, [3, [4]]], 5])
    [1, 2, 3, 4, 5]
    """
    # TODO: return the flat list (a function may call itself).
    raise NotImplementedError


def flatten_dict(data: Mapping[str, Any], sep: str = ".") -> dict[str, Any]:
    """Nested dicts as one flat dict whose keys are the paths joined by `sep`.

    An empty nested dict contributes nothing; other values (lists too) are kept as they are.

    >>> flatten_dict({"model": {"lr": 0.1, "layers": [64, 32]}, "seed": 0})
    {'model.lr': 0.1, 'model.layers': [64, 32], 'seed': 0}
    """
    # TODO: return the flat dict (a function may call itself).
    raise NotImplementedError


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
        # TODO: check `capacity` and store what the queue needs.
        raise NotImplementedError

    def push(self, item: Any) -> None:
        """Add `item` at the back; QueueFull if the queue is full."""
        # TODO: add `item` at the back, or raise QueueFull.
        raise NotImplementedError

    def pop(self) -> Any:
        """Remove and return the front item; IndexError if the queue is empty."""
        # TODO: remove and return the front item, or raise IndexError.
        raise NotImplementedError

    def peek(self) -> Any:
        """The front item, left in place; IndexError if the queue is empty."""
        # TODO: return the front item, or raise IndexError.
        raise NotImplementedError

    def is_full(self) -> bool:
        """True when the queue holds `capacity` items."""
        # TODO: return whether the queue holds `capacity` items.
        raise NotImplementedError

    def __len__(self) -> int:
        # TODO: return the number of items.
        raise NotImplementedError

    def __repr__(self) -> str:
        # TODO: return e.g. "BoundedQueue(['a', 'b'], capacity=2)".
        raise NotImplementedError


# -- error handling ----------------------------------------------------------------------------


def parse_age(text: str) -> int:
    """An age in whole years read from `text` (surrounding whitespace allowed).

    Raises ValueError("not a whole number: '<text>'") if `text` is not an integer, and
    ValueError("age out of range (0-150): <age>") if it is below 0 or above 150.

    >>> parse_age(" 42 ")
    42
    """
    # TODO: convert `text`, raising ValueError with the messages above.
    raise NotImplementedError


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
    # TODO: read `src`, write the kept lines to `dst`, return their number.
    raise NotImplementedError


def column_mean(path: str | Path, column: str) -> float:
    """The mean of the numbers in `column` of the CSV file at `path` (UTF-8, with a header).

    Rows whose value is missing, empty, not a number, or NaN are skipped. Raises ValueError
    if the header has no such column, or if no row holds a number in it; a missing file
    raises FileNotFoundError.

    Example: with scores.csv holding "name,score\\nann,1\\nbob,n/a\\ncid,3\\n",
    column_mean("scores.csv", "score") returns 2.0.
    """
    # TODO: read the CSV and return the mean of the column.
    raise NotImplementedError
