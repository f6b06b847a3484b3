"""A small client for a model registry's JSON API, with the standard library only.

The API (`base_url` is for example "https://registry.example.com/api/v1"):

    GET  {base_url}/models?task=...&search=...&page_size=...  one page of models:
         {"items": [{...}, ...], "next": "<URL of the next page>" or null}
    GET  {base_url}/models/{name}                              one model, or 404
    POST {base_url}/models   JSON body {"name", "task", "metrics"}  201 and the new model;
         needs the header "Authorization: Bearer <api_key>"

Errors come back as JSON too: {"error": "what went wrong"}.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from typing import Any


class ApiError(Exception):
    """The API could not be used: an HTTP error, a network problem, a reply that is not JSON.

    `status` is the HTTP status code, or None when no HTTP reply came back.
    """

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class NotFoundError(ApiError):
    """HTTP 404: no such resource."""


class ServerError(ApiError):
    """HTTP 5xx: the server failed, still after every retry."""


class ApiTimeoutError(ApiError):
    """No reply within `timeout` seconds, still after every retry."""


class RegistryClient:
    """Talks to the registry at `base_url`.

    Requests time out after `timeout` seconds. A GET that fails with a 5xx status or a
    timeout is sent again, up to `retries` more times, waiting `backoff` seconds before the
    first retry and twice as long before each next one (backoff, 2 * backoff, 4 * backoff...).
    A POST is never retried: the server may have acted on it before failing.
    """

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None = None,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.5,
    ) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"base_url must start with http:// or https://, got {base_url!r}")
        if timeout <= 0 or retries < 0 or backoff < 0:
            raise ValueError("timeout must be > 0, retries and backoff >= 0")
        self.base_url = base_url  # as given: it may end with "/"
        self.api_key = api_key
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff

    # -- the API ------------------------------------------------------------------------------

    def get_model(self, name: str) -> dict[str, Any]:
        """The model called `name`; NotFoundError if there is none.

        `name` is one path segment, so it is quoted whole: "team/bert base" travels as
        "team%2Fbert%20base".
        """
        result: dict[str, Any] = self._request("GET", self._url(f"/models/{_segment(name)}"))
        return result

    def list_models(
        self, *, task: str | None = None, search: str | None = None, page_size: int = 50
    ) -> list[dict[str, Any]]:
        """Every model (of `task`, whose name contains `search`, when given), in the server's
        order, following the "next" links page after page until there is none."""
        url: str | None = self._url(
            "/models", {"task": task, "search": search, "page_size": page_size}
        )
        models: list[dict[str, Any]] = []
        while url is not None:
            page = self._request("GET", url)
            models.extend(page["items"])
            # "next" may be a full URL or a path: resolve it against the page just read.
            url = urllib.parse.urljoin(url, page["next"]) if page.get("next") else None
        return models

    def register_model(
        self, name: str, task: str, metrics: Mapping[str, float] | None = None
    ) -> dict[str, Any]:
        """Create a model; returns what the server stored (with its "id")."""
        body = {"name": name, "task": task, "metrics": dict(metrics or {})}
        result: dict[str, Any] = self._request("POST", self._url("/models"), body)
        return result

    # -- plumbing -----------------------------------------------------------------------------

    def _url(self, path: str, params: Mapping[str, Any] | None = None) -> str:
        """base_url + path, with the parameters that are not None as a query string."""
        url = self.base_url.rstrip("/") + path  # one "/" between them
        query = {k: v for k, v in (params or {}).items() if v is not None}
        return f"{url}?{urllib.parse.urlencode(query)}" if query else url

    def _request(self, method: str, url: str, body: Any = None) -> Any:
        """Send a request, retrying a GET on 5xx and timeouts; return the parsed JSON."""
        attempts = 1 + (self.retries if method == "GET" else 0)
        for attempt in range(attempts):
            try:
                return self._send(method, url, body)
            except (ServerError, ApiTimeoutError):
                if attempt == attempts - 1:
                    raise
            time.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _send(self, method: str, url: str, body: Any) -> Any:
        """One HTTP exchange: the parsed JSON reply, or the ApiError that fits."""
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                raw = reply.read()
        except urllib.error.HTTPError as err:  # before URLError: it is a subclass
            with err:  # an HTTPError is also the reply: read its body, then close it
                detail = _error_detail(err.read()) or err.reason
            message = f"{method} {url} failed with HTTP {err.code}: {detail}"
            raise _http_error(err.code, message) from err
        except TimeoutError as err:  # the reply did not come in time
            raise ApiTimeoutError(f"{method} {url} timed out after {self.timeout} s") from err
        except urllib.error.URLError as err:  # no reply at all
            if isinstance(err.reason, TimeoutError):  # the connection itself timed out
                raise ApiTimeoutError(f"{method} {url} timed out after {self.timeout} s") from err
            raise ApiError(f"cannot reach {url}: {err.reason}") from err
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError as err:  # JSONDecodeError, or bytes that are not UTF-8
            raise ApiError(f"{method} {url} returned a body that is not JSON") from err


def _segment(text: str) -> str:
    """`text` quoted as one URL path segment ("/" and spaces included)."""
    return urllib.parse.quote(text, safe="")


def _error_detail(raw: bytes) -> str | None:
    """The "error" field of a JSON error body, if there is one."""
    try:
        payload = json.loads(raw)
    except ValueError:
        return None
    return str(payload["error"]) if isinstance(payload, dict) and "error" in payload else None


def _http_error(status: int, message: str) -> ApiError:
    if status == 404:
        return NotFoundError(message, status=status)
    if status >= 500:
        return ServerError(message, status=status)
    return ApiError(message, status=status)
