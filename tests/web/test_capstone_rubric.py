"""The exercise page of an exercise with a rubric (the capstone) shows the last attempt's
score: the passed weight over the total, with each item's weight."""

from __future__ import annotations

from fastapi.testclient import TestClient

from airoadmap.curriculum.loader import curriculum
from airoadmap.progress.store import ProgressStore
from airoadmap.results import Outcome


def test_the_capstone_page_shows_the_rubric_score(client: TestClient, store: ProgressStore) -> None:
    items = curriculum().exercises["m12-capstone"].rubric
    failed = items[0]
    checks = [
        {"name": item.check, "outcome": "FAIL" if item is failed else "PASS", "message": "x"}
        for item in items
    ]
    store.record_attempt("m12-capstone", Outcome.FAIL, {}, checks)
    html = client.get("/exercises/m12-capstone").text
    total = sum(item.weight for item in items)
    assert f"Rubric: <strong>{total - failed.weight:g} / {total:g}</strong>" in html


def test_an_exercise_without_a_rubric_shows_none(client: TestClient, store: ProgressStore) -> None:
    store.record_attempt("m01-katas", Outcome.FAIL, {}, [])
    assert 'id="rubric"' not in client.get("/exercises/m01-katas").text
