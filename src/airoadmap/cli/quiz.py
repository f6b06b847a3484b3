"""`airoadmap quiz`: review the knowledge-check cards due today (spaced repetition, FSRS).

Answers are read from standard input (typer.prompt), so a test can feed them. Each review is
saved as soon as it is given: Ctrl-D (or Ctrl-C) ends the sitting and keeps what was done.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from airoadmap.errors import AiroadmapError

if TYPE_CHECKING:
    from rich.console import Console

    from airoadmap.quiz.models import Card
    from airoadmap.quiz.scheduler import Rating
    from airoadmap.quiz.session import QuizSession

NEW_PER_DAY = 10  # the default of --new; airoadmap.quiz.session.NEW_PER_DAY (a test checks)


def quiz(
    month: Annotated[
        int | None,
        typer.Option("--month", "-m", min=1, max=12, help="Only this month's cards."),
    ] = None,
    deck: Annotated[
        str | None,
        typer.Option(
            "--deck",
            "-d",
            help="A deck instead of the months' cards: 'interview' (ML theory, deep learning, "
            "system design, MLOps, Python), with its own allowance of new cards a day.",
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="Review at most this many cards.")
    ] = None,
    new: Annotated[
        int, typer.Option("--new", min=0, help="New cards a day (cards never seen before).")
    ] = NEW_PER_DAY,
    as_json: Annotated[
        bool, typer.Option("--json", help="List the due cards as JSON, without reviewing.")
    ] = False,
) -> None:
    """Review the quiz cards due today, scheduled by spaced repetition (FSRS).

    Without --month, the cards of every month up to where you are in the plan; with --deck,
    a deck's cards (e.g. --deck interview, for job interviews).
    """
    from airoadmap.cli.render import error

    try:
        if deck is not None and month is not None:
            raise AiroadmapError(
                "--deck and --month do not go together: --month picks a month's cards, "
                "--deck a deck's."
            )
        _quiz(month, deck, limit, new, as_json)
    except AiroadmapError as exc:
        error(str(exc))
        raise typer.Exit(exc.exit_code) from None


def register(app: typer.Typer) -> None:
    """Add `quiz` to a Typer app."""
    app.command(name="quiz")(quiz)


def _quiz(month: int | None, deck: str | None, limit: int | None, new: int, as_json: bool) -> None:
    from airoadmap.cli.render import console
    from airoadmap.curriculum.loader import curriculum
    from airoadmap.learner import open_store
    from airoadmap.quiz.loader import all_cards, deck_cards, get_deck
    from airoadmap.quiz.session import QuizSession, months_reached, pick_due, select_cards
    from airoadmap.workspace import Workspace

    chosen = get_deck(deck) if deck is not None else None  # an unknown deck: one line, first
    ws = Workspace.find()
    now = datetime.now(UTC)
    with open_store(ws) as store:
        upto = None
        if chosen is not None:
            cards = deck_cards(chosen.deck)
        else:
            if month is None:
                upto = months_reached(curriculum(), store, now.astimezone().date())
            cards = select_cards(all_cards(), month=month, upto=upto)
        reviews = store.quiz_reviews()
        due = pick_due(cards, reviews, now, new_per_day=new)[:limit]
        if as_json:
            _emit(_as_json(due, reviews, month, upto, deck, now))
            return
        con = console()
        if chosen is not None:
            con.print(f"[bold]{chosen.title}[/]: {len(cards)} cards, {len(chosen.topics)} topics.")
        if not cards:
            which = f"month {month}" if month is not None else f"months 1 to {upto}"
            con.print(f"No quiz cards for {which} yet.")
            return
        if not due:
            _nothing_due(con, cards, reviews, now)
            return
        _sitting(con, QuizSession(store), due)
    from airoadmap.checking import sync_cohort

    sync_cohort(ws)  # the sitting's reviews to the cohort, if the workspace joined one


# -- the sitting -----------------------------------------------------------------------------


def _sitting(con: Console, session: QuizSession, due: list[Card]) -> None:
    """Ask every due card, then once more the ones answered wrong; print a summary."""
    from airoadmap.quiz.scheduler import Rating

    fresh = sum(1 for c in due if c.id not in session.latest)
    con.print(
        f"[bold]{len(due)} card{'s' if len(due) != 1 else ''} due[/] ({fresh} new). "
        "Type your answer; Enter alone shows the answer; Ctrl-D stops (reviews so far are saved)."
    )
    missed: list[Card] = []
    try:
        for i, card in enumerate(due, start=1):
            if _ask(con, session, card, f"{i}/{len(due)}") == Rating.Again:
                missed.append(card)
        if missed:
            con.print(f"\n[bold]Once more, the {len(missed)} you missed:[/]")
            for i, card in enumerate(missed, start=1):
                _ask(con, session, card, f"again {i}/{len(missed)}")
    except typer.Abort:  # end of input (Ctrl-D) or Ctrl-C at a prompt
        con.print("\nStopped.")
    s = session.summary()
    con.print(
        f"\n{s['reviews']} review{'s' if s['reviews'] != 1 else ''} saved: {s['right']} right, "
        f"{s['wrong']} to see again soon."
    )


def _ask(con: Console, session: QuizSession, card: Card, position: str) -> Rating:
    """Show one card, judge the answer (asking again once on unreadable input), record it."""
    from rich.markup import escape
    from rich.padding import Padding
    from rich.text import Text

    from airoadmap.quiz.answers import AnswerError, answer_form, expected_answer, judge
    from airoadmap.quiz.models import LETTERS, ChoiceCard
    from airoadmap.quiz.scheduler import rating_for
    from airoadmap.quiz.session import when

    con.print(f"\n[dim]{position}  {card.id}[/]")
    con.print(f"[bold]{escape(card.prompt)}[/]")
    if isinstance(card, ChoiceCard):
        for letter, choice in zip(LETTERS, card.choices, strict=False):
            con.print(f"  {letter}) {escape(choice)}")
    verdict = None
    for attempt in range(2):
        text = typer.prompt(f"Your answer ({answer_form(card)})", default="", show_default=False)
        try:
            verdict = judge(card, text)
            break
        except AnswerError as exc:
            again = " Try once more." if attempt == 0 else " Counted as not known."
            con.print(f"[yellow]{escape(str(exc))}{again}[/]")
    if verdict is not None and verdict.correct:
        con.print("[green]✔ Right.[/]")
        try:
            rating = rating_for(True, _feeling(con))
        except typer.Abort:  # stopping at this prompt still keeps the right answer
            session.record(card, rating_for(True))
            raise
    else:
        con.print(Text(f"✘ The answer: {expected_answer(card)}", style="red"))
        con.print(Padding(Text(card.explanation), (0, 0, 0, 2)))
        rating = rating_for(False)
    due = session.record(card, rating)
    con.print(f"[dim]  next: {when(due, session.clock())}[/]")
    return rating


def _feeling(con: Console) -> str | None:
    """Hard, good or easy (Enter: good); asked again once if the reply is none of those."""
    from airoadmap.quiz.scheduler import rating_for

    for attempt in range(2):
        text = typer.prompt("How was it? h)ard g)ood e)asy", default="", show_default=False)
        try:
            rating_for(True, text)
            return text
        except ValueError as exc:
            if attempt == 0:
                con.print(f"[yellow]{exc} Enter alone means good.[/]")
    return None


def _nothing_due(con: Console, cards: list[Card], reviews: list[Any], now: datetime) -> None:
    from airoadmap.quiz.session import is_due, latest_of, when

    latest = latest_of(reviews)
    later = [r.due for c in cards if (r := latest.get(c.id)) is not None and not is_due(r, now)]
    nxt = f" The next card is due {when(min(later), now)}." if later else ""
    con.print(f"Nothing due now: well done.{nxt}")


# -- JSON ----------------------------------------------------------------------------------


def _as_json(
    due: list[Card],
    reviews: list[Any],
    month: int | None,
    upto: int | None,
    deck: str | None,
    now: datetime,
) -> dict[str, Any]:
    from airoadmap.quiz.loader import topic_of
    from airoadmap.quiz.models import ChoiceCard
    from airoadmap.quiz.session import latest_of

    latest = latest_of(reviews)
    by_month: dict[str, int] = {}
    by_topic: dict[str, int] = {}
    for c in due:
        if c.deck:
            by_topic[topic_of(c)] = by_topic.get(topic_of(c), 0) + 1
        else:
            by_month[str(c.month)] = by_month.get(str(c.month), 0) + 1
    items = []
    for c in due:
        row = latest.get(c.id)
        item: dict[str, Any] = {
            "id": c.id,
            "month": c.month or None,
            "deck": c.deck or None,
            "kind": c.kind,
            "prompt": c.prompt,
            "new": row is None,
            "due": row.due.isoformat() if row else None,
        }
        if isinstance(c, ChoiceCard):
            item["choices"] = list(c.choices)
        items.append(item)
    return {
        "now": now.isoformat(),
        "month": month,
        "months_upto": upto,
        "deck": deck,
        "count": len(items),
        "by_month": by_month,
        "by_topic": by_topic,
        "due": items,
    }


def _emit(data: dict[str, Any]) -> None:
    import json
    import sys

    sys.stdout.write(json.dumps(data, indent=2) + "\n")
