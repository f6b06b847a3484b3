"""Content files load into models; a bad file says `file:line: what is wrong`."""

from __future__ import annotations

from pathlib import Path

import pytest

from airoadmap.curriculum.loader import load_model
from airoadmap.curriculum.models import Month
from airoadmap.errors import ContentError

GOOD = """\
number = 3
slug = "m03-maths"
title = "Mathematics"
phase = "p1"
goal = "Learn the maths."

[[topics]]
name = "Vectors"
why = "Embeddings are vectors."

[[topics]]
name = "Derivatives"
why = "Training follows gradients."

[[tools]]
name = "NumPy"
use = "arrays"

[[projects]]
title = "Linear regression"
summary = "From scratch."
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "m03.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_month_loads(tmp_path: Path) -> None:
    month = load_model(write(tmp_path, GOOD), Month)
    assert [t.name for t in month.topics] == ["Vectors", "Derivatives"]


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('title = "Mathematics"', 'title = "Mathematics'))
    with pytest.raises(ContentError, match=rf"^{path}:3: invalid TOML"):
        load_model(path, Month)


def test_missing_field_points_at_its_table(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('why = "Training follows gradients."\n', ""))
    with pytest.raises(ContentError) as err:
        load_model(path, Month)
    assert str(err.value).startswith(f"{path}:11: topics.1.why: required field is missing")


def test_unknown_field_is_a_typo(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('goal = "Learn the maths."', 'gaol = "Learn the maths."'))
    with pytest.raises(ContentError, match=r":5: gaol: unknown field \(a typo\?\)"):
        load_model(path, Month)


def test_wrong_type_points_at_the_key(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("number = 3", 'number = "three"'))
    with pytest.raises(ContentError, match=rf"^{path}:1: number:"):
        load_model(path, Month)
