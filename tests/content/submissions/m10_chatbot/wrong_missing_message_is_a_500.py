"""Wrong: the fields read with body["message"]: a request without one crashes the handler
(KeyError: HTTP 500) instead of a 400 that says what is missing.

Fails: api_contract
Says: no message, HTTP 500
File: app.py
"""

from tests.content.submissions.m10_chatbot._app import run_app

run_app(
    globals(),
    replace=[
        (
            'session, message = body.get("session"), body.get("message")',
            'session, message = body["session"], body["message"]',
        )
    ],
)
