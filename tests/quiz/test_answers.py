"""Judging answers of each kind; unreadable answers raise AnswerError (asked again)."""

from __future__ import annotations

import pytest

from airoadmap.quiz.answers import AnswerError, expected_answer, judge, parse_number
from tests.quiz.conftest import make_card


def test_choice_by_letter_number_or_text() -> None:
    card = make_card("choice", choices=["one", "two", "three"], answer="b")
    for text in ("b", "B", " b) ", "2", "two", "TWO"):
        assert judge(card, text).correct, text
    for text in ("a", "3", "one"):
        assert not judge(card, text).correct, text
    assert judge(card, "a").expected == "b) two"


def test_choice_answer_as_index() -> None:
    card = make_card("choice", choices=["x", "y"], answer=0)
    assert judge(card, "a").correct
    assert not judge(card, "b").correct


@pytest.mark.parametrize("text", ["d", "4", "0", "banana", "a, b"])
def test_choice_outside_the_choices_is_unreadable(text: str) -> None:
    card = make_card("choice", choices=["one", "two", "three"], answer="b")
    with pytest.raises(AnswerError, match="a letter, a to c"):
        judge(card, text)


def test_number_absolute_tolerance() -> None:
    card = make_card("number", answer=0.1538, tolerance=0.005)
    for text in ("0.1538", "0.15", "0.154", ".155", "90/585", "0.9*0.01/(0.9*0.01+0.05*0.99)"):
        assert judge(card, text).correct, text
    for text in ("0.14", "0.16", "15.38", "-0.1538"):
        assert not judge(card, text).correct, text


def test_number_tolerance_edge_is_inclusive() -> None:
    card = make_card("number", answer=0.8, tolerance=0.1)
    assert judge(card, "0.9").correct  # 0.9 - 0.8 is 0.09999999999999998 or 0.1: both right
    assert judge(card, "0.7").correct
    assert not judge(card, "0.9001").correct


def test_number_relative_tolerance() -> None:
    card = make_card("number", answer=1_000_000, tolerance=None, rel_tolerance=0.01)
    assert judge(card, "1,005,000").correct
    assert judge(card, "1e6").correct
    assert not judge(card, "1,020,000").correct


@pytest.mark.parametrize("text", ["abc", "25%", "1/0", "(1, 2)", "True", "1.2.3"])
def test_unparseable_number_is_unreadable(text: str) -> None:
    with pytest.raises(AnswerError):
        parse_number(text)


def test_expression_card() -> None:
    card = make_card("expression", answer="(3, 2)")
    for text in ("(3, 2)", "3, 2", "[3, 2]", "(1 + 2, 2)"):
        assert judge(card, text).correct, text
    for text in ("(2, 3)", "(3, 2, 1)", "32", "'(3, 2)'"):
        assert not judge(card, text).correct, text
    assert judge(card, "(2, 3)").expected == "(3, 2)"


def test_expression_float_within_tolerance() -> None:
    card = make_card("expression", answer="(sqrt(2) / 2, sqrt(2) / 2)", tolerance=0.001)
    assert judge(card, "(0.7071, 0.7071)").correct
    assert judge(card, "(1/sqrt(2), 1/sqrt(2))").correct
    assert not judge(card, "(0.7, 0.7)").correct


def test_expression_string_answer_with_or_without_quotes() -> None:
    card = make_card("expression", answer="'clf__C'")
    assert judge(card, "'clf__C'").correct
    assert judge(card, '"clf__C"').correct
    assert judge(card, "clf__C").correct
    assert not judge(card, "clf_C").correct


@pytest.mark.parametrize(
    "text", ["__import__('os').system('true')", "().__class__", "9**9**9", "x + 1"]
)
def test_expression_refused_is_unreadable_not_run(text: str) -> None:
    card = make_card("expression", answer="(3, 2)")
    with pytest.raises(AnswerError):
        judge(card, text)


@pytest.mark.parametrize("kind", ["choice", "number", "expression"])
def test_empty_answer_means_not_known(kind: str) -> None:
    card = make_card(kind)
    verdict = judge(card, "   ")
    assert not verdict.correct
    assert verdict.expected == expected_answer(card)


def test_number_expected_is_shown_without_float_noise() -> None:
    card = make_card("number", answer=0.1 + 0.2, tolerance=0.01, unit="days")
    assert expected_answer(card) == "0.3 days"
