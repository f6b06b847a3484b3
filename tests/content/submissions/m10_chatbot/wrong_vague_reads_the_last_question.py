"""Wrong: any question that matches nothing alone is read with the session's previous
question, so an out-of-scope question after a roadmap one is answered with that topic.

Fails: memory_per_session
Says: refers back to nothing
File: app.py
"""

from tests.content.submissions.m10_chatbot._app import run_app

run_app(
    globals(),
    replace=[
        (
            "if history and REFERS_BACK.search(message):",
            "if history and (REFERS_BACK.search(message) or score < self.threshold):",
        ),
    ],
)
