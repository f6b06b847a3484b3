"""The quiz in the browser: the cards due, scheduled exactly as `airoadmap quiz` does.

GET /quiz shows the first due card of the months (?month=N: of one month; ?deck=NAME: of a
deck, as `airoadmap quiz --deck NAME`). POST /quiz/answer judges the answer: a wrong one is
recorded at once (Again) with the explanation; a right one asks how it felt, and
POST /quiz/rate records Hard, Good or Easy. Each form carries the id of the card's latest
review when it was shown, so a form sent twice records once.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from airoadmap.progress.store import ProgressStore, QuizReviewRow
from airoadmap.quiz.answers import AnswerError, answer_form, expected_answer, judge
from airoadmap.quiz.loader import (
    UnknownDeckError,
    all_cards,
    all_decks,
    card_source,
    deck_cards,
    find_card,
    get_deck,
)
from airoadmap.quiz.models import LETTERS, Card, ChoiceCard
from airoadmap.quiz.scheduler import Rating, rating_for
from airoadmap.quiz.session import (
    NEW_PER_DAY,
    QuizSession,
    latest_of,
    months_reached,
    next_due,
    pick_due,
    select_cards,
    when,
)
from airoadmap.web.deps import Dashboard, form_fields, get_dashboard, get_store, render

router = APIRouter()

FEELINGS = ("hard", "good", "easy")


def _cards(dash: Dashboard, store: ProgressStore, month: int | None, deck: str) -> list[Card]:
    """The cards a plain `airoadmap quiz` (or `--month N`, or `--deck NAME`) covers today."""
    if deck:
        return deck_cards(deck)
    upto = None if month is not None else months_reached(dash.curriculum, store, dash.today())
    return select_cards(all_cards(), month=month, upto=upto)


def _card(card_id: str) -> Card:
    card = find_card(card_id)
    if card is None:
        raise HTTPException(404, detail=f"Unknown quiz card '{card_id}'.")
    return card


def _deck(text: str | None) -> str:
    """A known deck's name ("" for the months); 404 naming the decks otherwise."""
    name = (text or "").strip()
    if name:
        try:
            get_deck(name)
        except UnknownDeckError as exc:
            raise HTTPException(404, detail=str(exc)) from None
    return name


def _month(text: str | None) -> int | None:
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= 12:
        raise HTTPException(400, detail=f"month must be 1 to 12, got '{text}'.")
    return int(text)


def _quiz_url(month: int | None, deck: str = "", **extra: str) -> str:
    query = {
        **({"month": str(month)} if month is not None else {}),
        **({"deck": deck} if deck else {}),
        **extra,
    }
    return "/quiz" + (f"?{urlencode(query)}" if query else "")


def _choices(card: Card) -> list[tuple[str, str]]:
    if isinstance(card, ChoiceCard):
        return list(zip(LETTERS, card.choices, strict=False))
    return []


def _card_page(
    request: Request,
    dash: Dashboard,
    store: ProgressStore,
    month: int | None,
    deck: str = "",
    *,
    error: str = "",
    answer: str = "",
    saved: QuizReviewRow | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    now = dash.now()
    cards = _cards(dash, store, month, deck)
    reviews = store.quiz_reviews()
    due = pick_due(cards, reviews, now, new_per_day=NEW_PER_DAY)
    latest = latest_of(reviews)
    card = due[0] if due else None
    nxt = next_due(store, cards, now) if not due else None
    ctx: dict[str, Any] = {
        "title": f"Quiz: {get_deck(deck).title}" if deck else "Quiz",
        "month": month,
        "deck": deck,
        "deck_title": get_deck(deck).title if deck else "",
        "deck_description": get_deck(deck).description if deck else "",
        "decks": [(name, d.title) for name, d in sorted(all_decks().items())],
        "months": [m.number for m in dash.curriculum.months],
        "cards": len(cards),
        "due": len(due),
        "new": sum(1 for c in due if c.id not in latest),
        "card": card,
        "source": card_source(card) if card else "",
        "choices": _choices(card) if card else [],
        "form": answer_form(card) if card else "",
        "after": latest[card.id].id if card and card.id in latest else 0,
        "is_new": card is not None and card.id not in latest,
        "error": error,
        "answer": answer,
        "next_due": when(nxt, now) if nxt else None,
        "saved": saved,
        "saved_when": when(saved.due, now) if saved else "",
    }
    return render(request, "quiz.html", ctx, status_code=status_code)


@router.get("/quiz", response_class=HTMLResponse, name="quiz")
def quiz(
    request: Request,
    month: int | None = Query(None, ge=1, le=12),
    deck: str | None = Query(None, max_length=40),
    saved: str | None = Query(None, max_length=128),
    dash: Dashboard = Depends(get_dashboard),
    store: ProgressStore = Depends(get_store),
) -> HTMLResponse:
    name = _deck(deck)
    if name and month is not None:
        raise HTTPException(400, detail="Give a month or a deck, not both.")
    row = store.latest_quiz_reviews().get(saved) if saved else None
    return _card_page(request, dash, store, month, name, saved=row)


def _stale(store: ProgressStore, card: Card, after: str) -> bool:
    """Whether the card was reviewed since its form was shown (the form was sent twice)."""
    latest = store.latest_quiz_reviews().get(card.id)
    return str(latest.id if latest else 0) != after.strip()


@router.post("/quiz/answer", response_class=HTMLResponse, name="quiz_answer")
def answer(
    request: Request,
    form: dict[str, str] = Depends(form_fields),
    dash: Dashboard = Depends(get_dashboard),
    store: ProgressStore = Depends(get_store),
) -> Response:
    card = _card(form.get("card", ""))
    month = _month(form.get("month"))
    deck = card.deck
    if _stale(store, card, form.get("after", "")):
        return RedirectResponse(_quiz_url(month, deck), status_code=303)
    text = "" if form.get("action") == "dontknow" else form.get("answer", "")
    try:
        verdict = judge(card, text)
    except AnswerError as exc:
        return _card_page(
            request,
            dash,
            store,
            month,
            deck,
            error=f"{exc} Try once more.",
            answer=text,
            status_code=400,
        )
    ctx: dict[str, Any] = {
        "title": "Quiz",
        "card": card,
        "source": card_source(card),
        "month": month,
        "deck": deck,
        "next_url": _quiz_url(month, deck),
        "choices": _choices(card),
        "answer": text,
        "right": verdict.correct,
        "expected": expected_answer(card),
        "after": form.get("after", "0"),
        "feelings": FEELINGS,
    }
    if not verdict.correct:
        session = QuizSession(store, clock=dash.clock)
        due = session.record(card, Rating.Again)
        ctx["next"] = when(due, dash.now())
    return render(request, "quiz_result.html", ctx)


@router.post("/quiz/rate", name="quiz_rate")
def rate(
    form: dict[str, str] = Depends(form_fields),
    dash: Dashboard = Depends(get_dashboard),
    store: ProgressStore = Depends(get_store),
) -> Response:
    card = _card(form.get("card", ""))
    month = _month(form.get("month"))
    deck = card.deck
    if _stale(store, card, form.get("after", "")):
        return RedirectResponse(_quiz_url(month, deck), status_code=303)
    try:
        right = judge(card, form.get("answer", "")).correct
        rating = rating_for(True, form.get("feeling", ""))
    except (AnswerError, ValueError) as exc:
        raise HTTPException(400, detail=str(exc)) from None
    if not right:
        raise HTTPException(400, detail="That answer is not right, so it cannot be rated.")
    QuizSession(store, clock=dash.clock).record(card, rating)
    return RedirectResponse(_quiz_url(month, deck, saved=card.id), status_code=303)
