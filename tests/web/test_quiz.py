"""The quiz in the browser: the cards due as `airoadmap quiz` picks them, answers judged by
the same code, reviews recorded with the same scheduler, and a form sent twice recorded once."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import unescape

from fastapi.testclient import TestClient

from airoadmap.curriculum.loader import curriculum
from airoadmap.progress.store import ProgressStore
from airoadmap.quiz.loader import all_cards
from airoadmap.quiz.models import Card, NumberCard
from airoadmap.quiz.scheduler import Rating
from airoadmap.quiz.session import months_reached, pick_due, select_cards

from .conftest import right_answer

MONTH = 3


def due_now(store: ProgressStore, month: int | None = MONTH) -> list[Card]:
    """What `airoadmap quiz [--month N]` would ask now."""
    now = datetime.now(UTC)
    upto = None if month is not None else months_reached(curriculum(), store)
    cards = select_cards(all_cards(), month=month, upto=upto)
    return pick_due(cards, store.quiz_reviews(), now)


def shown_card(html: str) -> str:
    match = re.search(r'<input type="hidden" name="card" value="([^"]+)">', html)
    assert match, "no card on the page"
    return match.group(1)


def form_of(html: str) -> dict[str, str]:
    """The hidden fields of the page's form, as a browser would send them."""
    fields = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html)
    return {name: unescape(value) for name, value in fields}


def test_quiz_shows_the_first_card_due_as_the_cli_picks_it(
    client: TestClient, store: ProgressStore
) -> None:
    html = client.get("/quiz").text
    due = due_now(store, None)
    assert shown_card(html) == due[0].id
    assert f"{len(due)} cards due" in html
    html = client.get(f"/quiz?month={MONTH}").text
    assert shown_card(html) == due_now(store)[0].id


def test_wrong_answer_is_recorded_with_the_explanation(
    client: TestClient, store: ProgressStore
) -> None:
    card = due_now(store)[0]
    form = form_of(client.get(f"/quiz?month={MONTH}").text)
    response = client.post("/quiz/answer", data={**form, "action": "dontknow"})
    assert response.status_code == 200
    assert "Not quite" in response.text
    assert card.explanation.split(".")[0].replace("'", "&#39;") in response.text
    reviews = store.quiz_reviews()
    assert [(r.card_id, r.rating) for r in reviews] == [(card.id, int(Rating.Again))]
    # the same form sent again (a reload) records nothing more
    again = client.post("/quiz/answer", data={**form, "action": "dontknow"}, follow_redirects=False)
    assert again.status_code == 303
    assert len(store.quiz_reviews()) == 1
    # the next card is the next one due, as the CLI would pick it
    assert shown_card(client.get(f"/quiz?month={MONTH}").text) == due_now(store)[0].id != card.id


def test_right_answer_then_rating_records_one_review(
    client: TestClient, store: ProgressStore
) -> None:
    card = due_now(store)[0]
    form = form_of(client.get(f"/quiz?month={MONTH}").text)
    response = client.post(
        "/quiz/answer", data={**form, "answer": right_answer(card), "action": "answer"}
    )
    assert response.status_code == 200 and "✔ Right" in response.text
    assert store.quiz_reviews() == []  # recorded once the learner says how it felt
    rate = form_of(response.text)
    assert rate["card"] == card.id and rate["answer"] == right_answer(card)
    saved = client.post("/quiz/rate", data={**rate, "feeling": "easy"}, follow_redirects=False)
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/quiz?month={MONTH}&saved={card.id}"
    reviews = store.quiz_reviews()
    assert [(r.card_id, r.rating) for r in reviews] == [(card.id, int(Rating.Easy))]
    assert reviews[0].due > reviews[0].reviewed_at
    page = client.get(saved.headers["location"]).text
    assert f"Saved {card.id}: you will see it again" in page
    # rating the same form twice records once
    client.post("/quiz/rate", data={**rate, "feeling": "easy"})
    assert len(store.quiz_reviews()) == 1


def test_rating_a_wrong_answer_is_refused(client: TestClient, store: ProgressStore) -> None:
    form = form_of(client.get(f"/quiz?month={MONTH}").text)
    response = client.post("/quiz/rate", data={**form, "answer": "", "feeling": "easy"})
    assert response.status_code == 400 and "not right" in response.text
    response = client.post("/quiz/rate", data={**form, "answer": "x", "feeling": "superb"})
    assert response.status_code == 400
    assert store.quiz_reviews() == []


def test_unreadable_answer_asks_again_and_records_nothing(
    client: TestClient, store: ProgressStore
) -> None:
    number = next(c for c in all_cards() if isinstance(c, NumberCard))
    page = client.get(f"/quiz?month={number.month}").text
    while shown_card(page) != number.id:  # answer the cards before it
        form = form_of(page)
        client.post("/quiz/answer", data={**form, "action": "dontknow"})
        page = client.get(f"/quiz?month={number.month}").text
    before = len(store.quiz_reviews())
    response = client.post("/quiz/answer", data={**form_of(page), "answer": "about 25%"})
    assert response.status_code == 400
    assert "Try once more" in response.text and shown_card(response.text) == number.id
    assert len(store.quiz_reviews()) == before


def test_cross_site_post_is_refused(client: TestClient, store: ProgressStore) -> None:
    form = form_of(client.get(f"/quiz?month={MONTH}").text)
    for headers in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        response = client.post("/quiz/answer", data={**form, "action": "dontknow"}, headers=headers)
        assert response.status_code == 403
    assert store.quiz_reviews() == []
    same = client.post(
        "/quiz/answer", data={**form, "action": "dontknow"}, headers={"Origin": "http://testserver"}
    )
    assert same.status_code == 200 and len(store.quiz_reviews()) == 1


def test_unknown_card_and_bad_forms(client: TestClient) -> None:
    response = client.post("/quiz/answer", data={"card": "m03-nope", "after": "0"})
    assert response.status_code == 404 and "Unknown quiz card" in response.text
    response = client.post(
        "/quiz/answer", content=b"{}", headers={"content-type": "application/json"}
    )
    assert response.status_code == 415


def test_nothing_due(client: TestClient, store: ProgressStore) -> None:
    page = client.get("/quiz?month=12").text
    assert "No quiz cards for month 12" in page or "card" in page
    month = max(c.month for c in all_cards())
    for _ in range(50):
        page = client.get(f"/quiz?month={month}").text
        if 'name="card"' not in page:
            break
        card_id = shown_card(page)
        card = next(c for c in all_cards() if c.id == card_id)
        rate = form_of(
            client.post("/quiz/answer", data={**form_of(page), "answer": right_answer(card)}).text
        )
        client.post("/quiz/rate", data={**rate, "feeling": "good"})
        assert client.get(f"/quiz?month={month}&saved={card_id}").text.count("Saved") == 1
    assert "Nothing due now: well done." in page
    assert "The next card is due" in page
