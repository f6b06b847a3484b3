"""Knowledge checks: quiz cards per month, and decks outside the months (interview practice),
reviewed with spaced repetition (FSRS).

models.py    the cards (multiple choice, a number with a tolerance, a Python expression)
loader.py    content/quiz/mNN.toml and content/quiz/decks/NAME.toml -> cards, with
             `file:line: what` errors
safe_eval.py the learner's expressions, evaluated by walking a whitelisted AST
answers.py   judging a typed answer
scheduler.py FSRS: a rating and the stored state -> the next state and due time
session.py   which cards are due; recording reviews in the progress store
validate.py  content checks for `airoadmap dev check`
"""

from __future__ import annotations

from airoadmap.quiz.answers import AnswerError, Verdict, judge
from airoadmap.quiz.loader import all_cards, all_decks, deck_cards, get_deck, load_cards
from airoadmap.quiz.models import Card, ChoiceCard, ExpressionCard, NumberCard
from airoadmap.quiz.session import (
    NEW_PER_DAY,
    QuizSession,
    cards_due,
    due_count_by_month,
    due_counts,
    months_reached,
    select_cards,
)
from airoadmap.quiz.validate import validate_cards

__all__ = [
    "NEW_PER_DAY",
    "AnswerError",
    "Card",
    "ChoiceCard",
    "ExpressionCard",
    "NumberCard",
    "QuizSession",
    "Verdict",
    "all_cards",
    "all_decks",
    "cards_due",
    "deck_cards",
    "due_count_by_month",
    "due_counts",
    "get_deck",
    "judge",
    "load_cards",
    "months_reached",
    "select_cards",
    "validate_cards",
]
