"""The package imports and exposes what it promises."""

import airoadmap


def test_public_names() -> None:
    assert set(airoadmap.__all__) == {"__version__", "check"}
