"""The month page's tracks: the learner follows one from the dashboard; a bad form is refused."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from airoadmap.progress.store import ProgressStore

PAGE = "/months/8"


def token(html: str) -> str:
    found = re.search(r'<input type="hidden" name="csrf" value="([^"]+)">', html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def test_the_page_offers_each_track_and_follows_the_chosen_one(
    client: TestClient, store: ProgressStore
) -> None:
    page = client.get(PAGE).text
    assert 'id="tracks"' in page and page.count("Follow this track") == 4
    assert "No track chosen yet" in page
    answer = client.post(
        f"{PAGE}/track", data={"csrf": token(page), "track": "cv"}, follow_redirects=False
    )
    assert answer.status_code == 303 and answer.headers["location"] == f"{PAGE}#tracks"
    assert store.tracks() == {8: "cv"}
    page = client.get(PAGE).text
    assert "Your track: <strong>Computer vision</strong>" in page
    assert page.count("Follow this track") == 3 and "your track" in page


def test_a_form_without_the_token_or_with_an_unknown_track_changes_nothing(
    client: TestClient, store: ProgressStore
) -> None:
    page = client.get(PAGE).text
    forged = client.post(f"{PAGE}/track", data={"csrf": "guessed", "track": "rl"})
    assert forged.status_code == 403
    unknown = client.post(f"{PAGE}/track", data={"csrf": token(page), "track": "robotics"})
    assert unknown.status_code == 400 and "Unknown track" in unknown.text
    assert store.tracks() == {}
