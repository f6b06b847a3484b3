"""What the exercise page does besides showing: "Check now", and reloading itself when a new
attempt is recorded (by that button, `airoadmap check` in a terminal, or `watch`).

POST /exercises/{id}/check grades the learner's files through `checking.check_exercise`, the
code path of `airoadmap check`, records the attempt and answers with the page (303). It is
refused unless the request comes from this machine (the loopback address), from a page of
the dashboard itself (LocalGuard refuses cross-site posts) with this run's CSRF token.

GET /exercises/{id}/events?since=N is a stream of server-sent events: it polls the progress
store for the exercise's latest attempt id and sends one `attempt` event as soon as it is not
N, then ends (the page reloads). Without news it ends after STREAM_POLLS polls (the browser
reconnects by itself), when the client goes away, or when the server stops.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import quote

import anyio
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from airoadmap.curriculum.models import Exercise
from airoadmap.progress.store import ProgressStore
from airoadmap.web.deps import (
    Dashboard,
    form_fields,
    from_this_machine,
    get_dashboard,
    require_token,
)

router = APIRouter()

POLL_S = 1.0  # between two looks at the store
STREAM_POLLS = 300  # a stream without news ends after this many polls (5 minutes)
KEEPALIVE_POLLS = 15  # a comment line this often keeps proxies and the browser patient
RETRY_MS = 1000  # how soon the browser reconnects after a stream ends


def _exercise(dash: Dashboard, exercise_id: str) -> Exercise:
    ex = dash.curriculum.exercises.get(exercise_id)
    if ex is None:
        raise HTTPException(404, detail=f"Unknown exercise '{exercise_id}'.")
    return ex


@router.post("/exercises/{exercise_id}/check", name="check_now")
def check_now(
    request: Request,
    exercise_id: str,
    form: dict[str, str] = Depends(form_fields),
    dash: Dashboard = Depends(get_dashboard),
) -> RedirectResponse:
    """Check the learner's work as `airoadmap check ID` does, then show the page."""
    if not from_this_machine(request):
        raise HTTPException(
            403, detail="Checks run only from a browser on the dashboard's own machine."
        )
    require_token(dash, form)
    ex = _exercise(dash, exercise_id)
    if not dash.checking.acquire(blocking=False):
        raise HTTPException(409, detail="A check is running already: wait for its result.")
    try:
        from airoadmap.checking import check_exercise, record_report

        report = check_exercise(ex.id, ws=dash.workspace, record=False)
        attempt = record_report(dash.workspace, report)
    finally:
        dash.checking.release()
    url = f"/exercises/{quote(ex.id)}?checked={attempt}#checked"
    return RedirectResponse(url, status_code=303)


async def _attempt_events(
    request: Request, dash: Dashboard, exercise_id: str, since: int
) -> AsyncIterator[str]:
    """The event stream of one page: `attempt` once the latest attempt id is not `since`."""
    yield f"retry: {RETRY_MS}\n\n"
    store = await run_in_threadpool(ProgressStore.for_workspace, dash.workspace.db_path)
    try:
        for n in range(STREAM_POLLS):
            if dash.stopping.is_set() or await request.is_disconnected():
                return
            latest = await run_in_threadpool(store.latest_attempt_id, exercise_id)
            if latest != since:
                yield f"event: attempt\ndata: {latest}\n\n"
                return
            if n % KEEPALIVE_POLLS == KEEPALIVE_POLLS - 1:
                yield ": waiting\n\n"
            await anyio.sleep(POLL_S)
    finally:  # also when the client went away and the stream was cancelled
        store.close()


@router.get("/exercises/{exercise_id}/events", name="exercise_events")
def exercise_events(
    request: Request,
    exercise_id: str,
    since: int = Query(0, ge=0, description="The latest attempt id the page shows."),
    dash: Dashboard = Depends(get_dashboard),
) -> StreamingResponse:
    ex = _exercise(dash, exercise_id)
    return StreamingResponse(
        _attempt_events(request, dash, ex.id, since),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
