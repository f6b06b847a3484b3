"""The held-out splits model exercises are graded on, as the checks load them.

The splits themselves are defined once, in `airoadmap.datasets.splits` (the reference
projects report on the same rows). Here they are loaded once per process, before any learner
code runs: call `titanic()` or `sms()` outside the data fence (`modelcheck.Task`), then hand
the learner's model only the parts it may see.

    from airoadmap.grading.kit import heldout

    split = heldout.titanic()  # 891 passengers to fit, 418 held out
    model.fit(split.X_train, split.y_train)
"""

from __future__ import annotations

from functools import cache

from airoadmap.datasets.splits import sms as _sms
from airoadmap.datasets.splits import titanic as _titanic
from airoadmap.datasets.splits.sms import POSITIVE
from airoadmap.datasets.splits.sms import Split as SmsSplit
from airoadmap.datasets.splits.titanic import Split as TitanicSplit
from airoadmap.datasets.splits.titanic import leaky_and_target, load_titanic

__all__ = [
    "POSITIVE",
    "SmsSplit",
    "TitanicSplit",
    "leaky_and_target",
    "load_titanic",
    "sms",
    "titanic",
]


@cache
def titanic() -> TitanicSplit:
    """The fixed stratified Titanic split: 891 passengers to fit, 418 held out (no label,
    no leaky column in the features)."""
    return _titanic.holdout_split(*_titanic.load_titanic())


@cache
def sms() -> SmsSplit:
    """The fixed SMS spam split: one stratified group fold of five held out (about 970
    messages), copies of a text never on both sides."""
    return _sms.holdout_split(*_sms.load_sms())
