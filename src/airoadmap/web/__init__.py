"""The local web dashboard: the roadmap, months, exercises, runs and the quiz in a browser.

`create_app(workspace)` builds the FastAPI app; `airoadmap dashboard` serves it with uvicorn.
Pages are rendered on the server (Jinja2); the only script is Plotly's, served from the
plotly Python package, so the dashboard works offline.
"""

from airoadmap.web.app import create_app

__all__ = ["create_app"]
