"""Wrong: no "I don't know": the best passage is the answer, however poor the match.

Fails: refuses_out_of_scope
Says: not about the roadmap
File: app.py
"""

from tests.content.submissions.m10_chatbot._app import run_app

run_app(globals(), replace=[("THRESHOLD = 0.25", "THRESHOLD = 0.0")])
