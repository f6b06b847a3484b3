"""Wrong: one memory shared by every session: a follow-up is read with whatever anyone
asked last.

Fails: memory_per_session
Says: a passage about drift
File: app.py
"""

from tests.content.submissions.m10_chatbot._app import run_app

run_app(
    globals(),
    replace=[
        ("self._sessions.pop(session, None)", 'self._sessions.pop("all", None)'),
        ("self._sessions[session] = history", 'self._sessions["all"] = history'),
    ],
)
