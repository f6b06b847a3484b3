"""A small client for a model registry's JSON API, with the standard library only.

The API (`base_url` is for example "https://registry.example.com/api/v1"):

    GET  {base_url}/models?task=...&search=...&page_size=...  one page of models:
         {"items": [{...}, ...], "next": "<URL of the next page>" or null}
    GET  {base_url}/models/{name}                              one model, or 404
    POST {base_url}/models   JSON body {"name", "task", "metrics"}  201 and the new model;
         needs the header "Authorization: Bearer <api_key>"

Errors come back as JSON too: {"error": "what went wrong"}.

Replace every `raise NotImplementedError` under a "# TODO:" with your code, then run
`airoadmap check m01-http`. The exception classes and `__init__` are given. Use
`urllib.request`, `urllib.parse`, `urllib.error`, `json` and `time` (import them at the top).
"""

from __future__ import annotations

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
        # TODO: GET {base_url}/models/{quoted name} through self._request.
        raise NotImplementedError("RegistryClient.get_model")

    def list_models(
        self, *, task: str | None = None, search: str | None = None, page_size: int = 50
    ) -> list[dict[str, Any]]:
        """Every model (of `task`, whose name contains `search`, when given), in the server's
        order, following the "next" links page after page until there is none."""
        # TODO: GET the first page with the query parameters, collect its "items", then
        # follow "next" (a path or a full URL) until it is null.
        raise NotImplementedError("RegistryClient.list_models")

    def register_model(
        self, name: str, task: str, metrics: Mapping[str, float] | None = None
    ) -> dict[str, Any]:
        """Create a model; returns what the server stored (with its "id")."""
        # TODO: POST {"name": ..., "task": ..., "metrics": {...}} to {base_url}/models.
        raise NotImplementedError("RegistryClient.register_model")

    # -- plumbing -----------------------------------------------------------------------------

    def _url(self, path: str, params: Mapping[str, Any] | None = None) -> str:
        """base_url + path, with the parameters that are not None as a query string."""
        # TODO: join base_url and path (one "/" between them), add "?" + the encoded
        # parameters that are not None.
        raise NotImplementedError("RegistryClient._url")

    def _request(self, method: str, url: str, body: Any = None) -> Any:
        """Send a request, retrying a GET on 5xx and timeouts; return the parsed JSON."""
        # TODO: call self._send; on ServerError or ApiTimeoutError, for a GET, sleep
        # backoff * 2 ** attempt and try again, at most `retries` more times.
        raise NotImplementedError("RegistryClient._request")

    def _send(self, method: str, url: str, body: Any) -> Any:
        """One HTTP exchange: the parsed JSON reply, or the ApiError that fits."""
        # TODO: build a urllib.request.Request (JSON body and headers), urlopen it with
        # self.timeout, parse the reply; turn HTTPError (404, 5xx, others), timeouts,
        # URLError and a reply that is not JSON into the right ApiError.
        raise NotImplementedError("RegistryClient._send")
