"""The container's health check: exit 0 when the service answers GET /health with 200.

python:3.12-slim has neither curl nor wget, and installing one only for the health check adds
a package (and its security updates) to every image. The Dockerfile's HEALTHCHECK runs this
file with the image's own Python instead, standard library only:

    HEALTHCHECK CMD ["python", "healthcheck.py"]

The service listens on the port in the PORT environment variable (8000 when unset), and the
check runs inside the container, so it asks 127.0.0.1.
"""

from __future__ import annotations

import http.client
import os
import sys
import urllib.request
from collections.abc import Mapping

DEFAULT_PORT = 8000
TIMEOUT_S = 2.0  # a health check that hangs counts as a failure, not as a pass


def health_url(environ: Mapping[str, str]) -> str:
    """The URL of the service's health endpoint, on the port `environ` names (PORT)."""
    port = int(environ.get("PORT", DEFAULT_PORT))
    return f"http://127.0.0.1:{port}/health"


def healthy(url: str, timeout_s: float = TIMEOUT_S) -> bool:
    """Whether GET `url` answers 200 within `timeout_s` seconds. Never raises: a refused
    connection, a timeout, an error status or a garbled answer all mean "not healthy"."""
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            return bool(response.status == 200)
    except (OSError, ValueError, http.client.HTTPException):
        # URLError and HTTPError (4xx/5xx) are OSErrors, and so are timeouts.
        return False


def main() -> int:
    """The exit status Docker reads: 0 healthy, 1 unhealthy."""
    return 0 if healthy(health_url(os.environ)) else 1


if __name__ == "__main__":
    sys.exit(main())
