"""Scripts and styles that come from Python packages: plotly.js and Pygments' colours.

Both are served from this machine (no CDN), with caching headers: plotly.min.js is a few MB
and changes only with the plotly package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import FileResponse

from airoadmap.web.markdown import code_css

router = APIRouter()

CACHE = "public, max-age=604800"  # a week; the ETag changes with the plotly version


@cache
def plotly_js() -> tuple[Path | None, str]:
    """The plotly.min.js inside the plotly package (or None) and its ETag."""
    try:
        import plotly
    except ImportError:
        return None, ""
    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        return None, ""
    stat = path.stat()
    return path, f'"plotly-{plotly.__version__}-{stat.st_size}-{int(stat.st_mtime)}"'


@router.get("/static/plotly.min.js", include_in_schema=False)
def plotly(request: Request) -> Response:
    path, etag = plotly_js()
    if path is None:
        raise HTTPException(404, detail="plotly is not installed: pip install plotly.")
    headers = {"Cache-Control": CACHE, "ETag": etag}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return FileResponse(path, media_type="text/javascript", headers=headers)


@router.get("/static/code.css", include_in_schema=False)
def code_style() -> Response:
    return Response(code_css(), media_type="text/css", headers={"Cache-Control": CACHE})
