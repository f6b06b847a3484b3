"""kit.needs: a library the checks import on first use, or one line saying how to install it."""

from __future__ import annotations

import json

import pytest

from airoadmap.errors import GradingError
from airoadmap.grading.kit.needs import need


def test_an_installed_library_is_the_module_itself() -> None:
    assert need("json", exercise="m00-demo", install="json") is json


def test_a_missing_library_says_what_to_install() -> None:
    with pytest.raises(GradingError) as raised:
        need("no_such_library_x", exercise="m00-demo", install="no-such-library==1.0")
    assert str(raised.value) == (
        "m00-demo's checks need no_such_library_x: pip install no-such-library==1.0"
    )
    assert isinstance(raised.value.__cause__, ImportError)
