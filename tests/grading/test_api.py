"""The helpers exercise checks share: each passes the right thing and fails the wrong one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from airoadmap.grading.api import (
    CheckFailed,
    Context,
    expect_fit_first,
    expect_message,
    expect_raises,
    expect_unfitted,
    short,
)


def boom(kind: type[BaseException], text: str = "bad value") -> None:
    raise kind(text)


def test_expect_raises_returns_the_expected_error() -> None:
    err = expect_raises(
        ValueError, boom, ValueError, "age is negative", call="f()", mentions=("age",)
    )
    assert str(err) == "age is negative"
    # The words are judged whatever their case: "Age" mentions "age".
    expect_raises(ValueError, boom, ValueError, "Age is negative", call="f()", mentions=("age",))


@pytest.mark.parametrize(
    ("func", "message"),
    [
        (lambda: boom(TypeError), "raised TypeError('bad value'), expected ValueError"),
        (lambda: 42, "returned 42, expected it to raise ValueError"),
        (lambda: boom(ValueError, "nope"), "should mention 'age'"),
    ],
)
def test_expect_raises_fails_with_a_message_that_teaches(func: object, message: str) -> None:
    with pytest.raises(CheckFailed, match=message.replace("(", r"\(").replace(")", r"\)")):
        expect_raises(ValueError, func, call="f()", mentions=("age",))  # type: ignore[arg-type]


def test_expect_raises_accepts_any_one_of_several_words() -> None:
    """mentions_any: one word (or every part of a tuple entry) is enough, in any case."""
    words = ("nan", "finite", ("4", "3", "label"))
    for text in ("X holds NaN", "X must be FINITE", "y_true has 4 Labels, y_pred has 3"):
        err = expect_raises(ValueError, boom, ValueError, text, call="f()", mentions_any=words)
        assert str(err) == text
    says = "right type, but the message should name the problem (X holds NaN), e.g. with the "
    for text in ("invalid input", "y_true has 4 labels"):  # no word; a tuple's parts not all
        with pytest.raises(CheckFailed, match=re.escape(f"raised ValueError({text!r})")) as err:
            expect_raises(
                ValueError, boom, ValueError, text, call="f()", mentions_any=words,
                problem="X holds NaN",
            )  # fmt: skip
        assert str(err.value).endswith(says + "word 'nan'.")
    with pytest.raises(CheckFailed, match=re.escape("problem, e.g. with the words '4', '3'")):
        expect_raises(ValueError, boom, ValueError, "4", call="f()", mentions_any=words[2:])
    # The same judgement on an error caught by the check itself.
    expect_message(ValueError("Unknown METHOD"), call="fit()", mentions_any=("method", "normal"))
    with pytest.raises(CheckFailed, match=re.escape("fit() raised ValueError('bad')")):
        expect_message(ValueError("bad"), call="fit()", mentions_any=("method", "normal"))


def test_not_implemented_passes_through() -> None:
    with pytest.raises(NotImplementedError):
        expect_raises(ValueError, boom, NotImplementedError, call="f()")
    with pytest.raises(NotImplementedError):
        expect_fit_first(lambda: boom(NotImplementedError), fit_call="fit(X)", attribute="x_")


def test_expect_fit_first() -> None:
    expect_fit_first(lambda: boom(ValueError, "call fit first"), fit_call="fit(X)", attribute="x_")
    with pytest.raises(CheckFailed, match="should say to call fit"):
        expect_fit_first(lambda: boom(AttributeError, "no x_"), fit_call="fit(X)", attribute="x_")
    with pytest.raises(CheckFailed, match="returned"):
        expect_fit_first(lambda: [0, 1], fit_call="fit(X)", attribute="x_")


def test_expect_unfitted() -> None:
    class Model:
        pass

    expect_unfitted(Model(), ("coef_",))
    fitted = Model()
    fitted.coef_ = 1  # type: ignore[attr-defined]
    with pytest.raises(CheckFailed, match="never fitted already has coef_"):
        expect_unfitted(fitted, ("coef_",))


def test_scratch_is_inside_the_working_copy_and_removed(tmp_path: Path) -> None:
    ctx = Context(workdir=tmp_path)
    with ctx.scratch() as folder:
        assert folder.parent == tmp_path
        (folder / "x.txt").write_text("x")
    assert not folder.exists()


def test_short_cuts_long_values() -> None:
    assert len(short(list(range(1000)))) < 60
    assert len(short("x" * 1000)) <= 85
