"""`airoadmap quiz` end to end: a workspace made by `airoadmap init`, answers fed on stdin,
reviews read back from the progress store."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from airoadmap.cli.app import app as main_app
from airoadmap.cli.quiz import NEW_PER_DAY, register
from airoadmap.curriculum.loader import load_curriculum
from airoadmap.progress.store import ProgressStore, QuizReviewRow
from airoadmap.quiz import session
from airoadmap.quiz.loader import all_cards
from airoadmap.quiz.models import LETTERS, Card, ChoiceCard, NumberCard
from airoadmap.quiz.scheduler import Rating
from airoadmap.workspace import Workspace

runner = CliRunner()
quiz_app = typer.Typer()
register(quiz_app)


@quiz_app.callback()
def _root() -> None:
    """A stand-in for the airoadmap app: `quiz` stays a subcommand."""


def quiz(*args: str, input: str | None = None) -> tuple[int, str]:
    result = runner.invoke(quiz_app, ["quiz", *args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def make_workspace(root: Path, start: date) -> None:
    result = runner.invoke(main_app, ["init", str(root), "--start", start.isoformat()])
    assert result.exit_code == 0, result.output


@pytest.fixture()
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ws"
    make_workspace(root, date.today())
    monkeypatch.chdir(root)
    return root


def reviews(ws: Path) -> list[QuizReviewRow]:
    with ProgressStore.for_workspace(Workspace(ws.resolve()).db_path) as store:
        return store.quiz_reviews()


def month_cards(month: int) -> list[Card]:
    return [c for c in all_cards() if c.month == month]


def right(card: Card) -> str:
    if isinstance(card, ChoiceCard):
        return LETTERS[card.answer_index]
    if isinstance(card, NumberCard):
        return repr(card.answer)
    return card.answer


def wrong(card: Card) -> str:
    if isinstance(card, ChoiceCard):
        return LETTERS[(card.answer_index + 1) % len(card.choices)]
    if isinstance(card, NumberCard):
        return repr(card.answer * 10 + 7)
    return "(999, 999)"


def test_register_adds_the_command() -> None:
    app = typer.Typer()
    register(app)
    assert [c.name for c in app.registered_commands] == ["quiz"]
    assert NEW_PER_DAY == session.NEW_PER_DAY


def test_json_lists_due_cards_without_reviewing(ws: Path) -> None:
    code, out = quiz("--month", "1", "--json")
    assert code == 0, out
    data = json.loads(out)
    firsts = month_cards(1)[:NEW_PER_DAY]
    assert [d["id"] for d in data["due"]] == [c.id for c in firsts]
    assert data["count"] == NEW_PER_DAY and data["by_month"] == {"1": NEW_PER_DAY}
    assert all(d["new"] and d["due"] is None and d["prompt"] for d in data["due"])
    assert "answer" not in json.dumps(data["due"])  # no spoilers
    choice = next(d for d in data["due"] if d["kind"] == "choice")
    assert len(choice["choices"]) >= 2
    assert json.loads(quiz("--month", "1", "--json", "--limit", "2")[1])["count"] == 2
    assert reviews(ws) == []


def test_plain_quiz_covers_the_months_reached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = tmp_path / "fresh"
    make_workspace(fresh, date.today())
    monkeypatch.chdir(fresh)
    data = json.loads(quiz("--json", "--new", "100")[1])
    assert data["months_upto"] == 1 and set(data["by_month"]) == {"1"}
    old = tmp_path / "old"
    make_workspace(old, date.today() - timedelta(days=130))  # month 5 of the plan
    monkeypatch.chdir(old)
    data = json.loads(quiz("--json", "--new", "100")[1])
    assert data["months_upto"] == 5 and set(data["by_month"]) == {"1", "2", "3", "4", "5"}
    with ProgressStore.for_workspace(Workspace(old.resolve()).db_path) as store:
        counts = session.due_counts(load_curriculum(), store)
    assert counts == {1: NEW_PER_DAY, 2: 0, 3: 0, 4: 0, 5: 0}  # new cards: 10 a day


def test_a_sitting_records_every_review(ws: Path) -> None:
    c1, c2, c3 = month_cards(1)[:3]
    feed = [
        right(c1),
        "e",  # right, felt easy
        "x +",
        wrong(c2),  # unreadable, asked again, then wrong: explanation shown
        right(c3),
        "",  # right, Enter = good
        right(c2),
        "h",  # asked once more at the end: right, felt hard
    ]
    code, out = quiz("--month", "1", "--limit", "3", input="\n".join(feed) + "\n")
    assert code == 0, out
    assert "3 cards due (3 new)" in out
    assert "Not a valid Python expression" in out and "Try once more" in out
    assert out.count("✔ Right.") == 3 and out.count("✘ The answer") == 1
    assert c2.explanation[:60] in out.replace("\n", " ")
    assert "Once more, the 1 you missed" in out
    assert "4 reviews saved: 3 right, 1 to see again soon." in out
    got = [(r.card_id, r.rating) for r in reviews(ws)]
    assert got == [
        (c1.id, Rating.Easy),
        (c2.id, Rating.Again),
        (c3.id, Rating.Good),
        (c2.id, Rating.Hard),
    ]
    # Nothing of these three is due again today; the other new cards still are.
    data = json.loads(quiz("--month", "1", "--json", "--new", "3")[1])
    assert data["count"] == 0
    code, out = quiz("--month", "1", "--new", "3")
    assert code == 0 and "Nothing due now" in out and "next card is due" in out


def test_two_unreadable_answers_count_as_not_known(ws: Path) -> None:
    card = month_cards(2)[0]
    assert isinstance(card, NumberCard)
    code, out = quiz("--month", "2", "--limit", "1", input=f"abc\n25%\n{right(card)}\n\n")
    assert code == 0, out
    assert "is not a number" in out and "without a % sign" in out
    assert "Counted as not known" in out
    assert [r.rating for r in reviews(ws)] == [Rating.Again, Rating.Good]


def test_unknown_feeling_is_asked_again_then_good(ws: Path) -> None:
    card = month_cards(1)[0]
    code, out = quiz("--month", "1", "--limit", "1", input=f"{right(card)}\nmeh\nsoso\n")
    assert code == 0, out
    assert "is not h (hard), g (good) or e (easy)" in out
    assert [r.rating for r in reviews(ws)] == [Rating.Good]


def test_end_of_input_ends_cleanly_keeping_reviews(ws: Path) -> None:
    c1 = month_cards(1)[0]
    code, out = quiz("--month", "1", "--limit", "3", input=f"{right(c1)}\n\n")
    assert code == 0, out
    assert "Stopped." in out and "1 review saved: 1 right" in out
    assert [r.card_id for r in reviews(ws)] == [c1.id]


def test_end_of_input_at_the_feeling_prompt_keeps_the_right_answer(ws: Path) -> None:
    c1 = month_cards(1)[0]
    code, out = quiz("--month", "1", "--limit", "3", input=f"{right(c1)}\n")
    assert code == 0 and "Stopped." in out, out
    assert [(r.card_id, r.rating) for r in reviews(ws)] == [(c1.id, Rating.Good)]


def test_month_without_cards_yet(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every month has cards now: month 11's are left out to see the one-line answer."""
    from airoadmap.quiz import loader

    kept = tuple(c for c in all_cards() if c.month != 11)
    monkeypatch.setattr(loader, "all_cards", lambda: kept)
    code, out = quiz("--month", "11")
    assert code == 0 and "No quiz cards for month 11 yet." in out


def test_bad_options_and_no_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert quiz("--month", "13")[0] == 2
    assert quiz("--limit", "0")[0] == 2
    monkeypatch.chdir(tmp_path)
    code, out = quiz("--json")
    assert code == 1
    assert out.strip().startswith("error:") and len(out.strip().splitlines()) == 1
