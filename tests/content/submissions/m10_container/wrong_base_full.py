"""Wrong: the base image is the full Debian image (about 1 GB), not a slim one.

Fails: base_image_slim_pinned
Says: full image, slim
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(
    globals(), "Dockerfile", [("FROM python:3.12.8-slim-bookworm", "FROM python:3.12.8-bookworm")]
)
run_solution("m10-container", globals())
