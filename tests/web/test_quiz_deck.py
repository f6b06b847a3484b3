"""The interview deck in the browser: chosen on the quiz page, its cards picked as
`airoadmap quiz --deck interview` picks them, answers recorded with the same scheduler, and
the deck kept from card to card."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from fastapi.testclient import TestClient

from airoadmap.progress.store import ProgressStore
from airoadmap.quiz.loader import deck_cards, find_card
from airoadmap.quiz.models import Card
from airoadmap.quiz.scheduler import Rating
from airoadmap.quiz.session import pick_due

from .conftest import right_answer
from .test_quiz import form_of, shown_card

DECK = "interview"


def due_now(store: ProgressStore) -> list[Card]:
    """What `airoadmap quiz --deck interview` would ask now."""
    return pick_due(deck_cards(DECK), store.quiz_reviews(), datetime.now(UTC))


def test_the_quiz_page_offers_the_deck(client: TestClient) -> None:
    html = client.get("/quiz").text
    assert re.search(r'<a class="button secondary" href="/quiz\?deck=interview"\s*>', html)
    assert re.search(r'href="/quiz" aria-current="page">Months<', html)
    assert 'name="month"' in html  # the month filter belongs to the months


def test_deck_page_shows_its_first_due_card(client: TestClient, store: ProgressStore) -> None:
    html = client.get(f"/quiz?deck={DECK}").text
    due = due_now(store)
    assert shown_card(html) == due[0].id and due[0].deck == DECK
    assert "<h1>Quiz: Interview practice</h1>" in html
    assert f"{len(due)} cards due ({len(due)} new)" in html
    assert 'href="/quiz?deck=interview" aria-current="page">Interview practice<' in html
    assert "Interview practice · ML theory · interview-ml-" in html
    assert '<select name="month"' not in html


def test_right_answer_is_rated_and_the_deck_kept(client: TestClient, store: ProgressStore) -> None:
    card = due_now(store)[0]
    form = form_of(client.get(f"/quiz?deck={DECK}").text)
    response = client.post(
        "/quiz/answer", data={**form, "answer": right_answer(card), "action": "answer"}
    )
    assert response.status_code == 200 and "✔ Right" in response.text
    assert "Interview practice · ML theory" in response.text
    rate = form_of(response.text)
    saved = client.post("/quiz/rate", data={**rate, "feeling": "good"}, follow_redirects=False)
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/quiz?deck={DECK}&saved={card.id}"
    assert [(r.card_id, r.rating) for r in store.quiz_reviews()] == [(card.id, int(Rating.Good))]
    page = client.get(saved.headers["location"]).text
    assert f"Saved {card.id}" in page and shown_card(page) == due_now(store)[0].id != card.id


def test_wrong_answer_leads_to_the_next_deck_card(client: TestClient, store: ProgressStore) -> None:
    card = due_now(store)[0]
    form = form_of(client.get(f"/quiz?deck={DECK}").text)
    response = client.post("/quiz/answer", data={**form, "action": "dontknow"})
    assert response.status_code == 200 and "Not quite" in response.text
    assert '<a class="button" href="/quiz?deck=interview" autofocus>Next card</a>' in response.text
    assert [(r.card_id, r.rating) for r in store.quiz_reviews()] == [(card.id, int(Rating.Again))]
    again = client.post("/quiz/answer", data={**form, "action": "dontknow"}, follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == f"/quiz?deck={DECK}"


def test_deck_reviews_leave_the_months_allowance(client: TestClient, store: ProgressStore) -> None:
    before = client.get("/quiz").text
    count = re.search(r'id="quiz-count">([^<]*)<', before)
    assert count
    for _ in range(3):
        form = form_of(client.get(f"/quiz?deck={DECK}").text)
        client.post("/quiz/answer", data={**form, "action": "dontknow"})
    assert all(find_card(r.card_id) is not None for r in store.quiz_reviews())
    after = re.search(r'id="quiz-count">([^<]*)<', client.get("/quiz").text)
    assert after and after.group(1) == count.group(1)


def test_unknown_deck_and_deck_with_month(client: TestClient) -> None:
    response = client.get("/quiz?deck=interviews")
    assert response.status_code == 404
    assert "Unknown quiz deck &#39;interviews&#39;" in response.text
    assert "The decks: interview." in response.text
    response = client.get(f"/quiz?deck={DECK}&month=3")
    assert response.status_code == 400 and "not both" in response.text
