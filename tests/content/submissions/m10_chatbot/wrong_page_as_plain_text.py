"""Wrong: the chat page sent as text/plain: the browser shows its HTML source.

Fails: page_served
Says: text/html
File: app.py
"""

from tests.content.submissions.m10_chatbot._app import run_app

run_app(
    globals(),
    replace=[('Response(PAGE, mimetype="text/html")', 'Response(PAGE, mimetype="text/plain")')],
)
