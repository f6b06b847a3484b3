"""Wrong: the base image's tag (slim) names no version.

Fails: base_image_slim_pinned
Says: names no version
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(globals(), "Dockerfile", [("FROM python:3.12.8-slim-bookworm", "FROM python:slim")])
run_solution("m10-container", globals())
