"""Wrong: the base image is python:latest, a moving target.

Fails: base_image_slim_pinned
Says: Dockerfile:9, latest image
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(globals(), "Dockerfile", [("FROM python:3.12.8-slim-bookworm", "FROM python:latest")])
run_solution("m10-container", globals())
