"""A correct m01-http submission built on http.client instead of urllib.request."""

from __future__ import annotations

import http.client
import json
import time
from urllib.parse import quote, urlencode, urljoin, urlsplit


class ApiError(Exception):
    def __init__(self, message, *, status=None):
        super().__init__(message)
        self.status = status


class NotFoundError(ApiError):
    pass


class ServerError(ApiError):
    pass


class ApiTimeoutError(ApiError):
    pass


class RegistryClient:
    def __init__(self, base_url, *, api_key=None, timeout=10.0, retries=3, backoff=0.5):
        self.base_url = base_url
        self.api_key = api_key
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff

    def get_model(self, name):
        return self._request("GET", self._url("/models/" + quote(name, safe="")))

    def list_models(self, *, task=None, search=None, page_size=50):
        url = self._url("/models", {"task": task, "search": search, "page_size": page_size})
        found = []
        while True:
            page = self._request("GET", url)
            found += page["items"]
            if not page["next"]:
                return found
            url = urljoin(url, page["next"])

    def register_model(self, name, task, metrics=None):
        payload = {"name": name, "task": task, "metrics": dict(metrics) if metrics else {}}
        return self._request("POST", self._url("/models"), payload)

    def _url(self, path, params=None):
        base = self.base_url[:-1] if self.base_url.endswith("/") else self.base_url
        pairs = [(k, v) for k, v in (params or {}).items() if v is not None]
        return base + path + ("?" + urlencode(pairs) if pairs else "")

    def _request(self, method, url, body=None):
        tries = self.retries + 1 if method == "GET" else 1
        wait = self.backoff
        for i in range(tries):
            try:
                return self._send(method, url, body)
            except (ServerError, ApiTimeoutError):
                if i + 1 == tries:
                    raise
                time.sleep(wait)
                wait *= 2
        return None

    def _send(self, method, url, body):
        parts = urlsplit(url)
        target = parts.path + ("?" + parts.query if parts.query else "")
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.api_key is not None:
            headers["Authorization"] = "Bearer " + self.api_key
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=self.timeout)
        try:
            connection.request(method, target, body=data, headers=headers)
            reply = connection.getresponse()
            raw = reply.read()
        except TimeoutError as err:  # socket.timeout is the same class
            raise ApiTimeoutError(f"{method} {url}: timed out") from err
        except OSError as err:
            raise ApiError(f"{method} {url}: {err}") from err
        finally:
            connection.close()
        if reply.status >= 400:
            try:
                reason = json.loads(raw)["error"]
            except (ValueError, KeyError, TypeError):
                reason = reply.reason
            text = f"{method} {url} -> {reply.status}: {reason}"
            if reply.status == 404:
                raise NotFoundError(text, status=404)
            if reply.status >= 500:
                raise ServerError(text, status=reply.status)
            raise ApiError(text, status=reply.status)
        try:
            return json.loads(raw) if raw else None
        except ValueError as err:
            raise ApiError(f"{method} {url}: not JSON") from err
