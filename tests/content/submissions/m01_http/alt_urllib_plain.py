"""A correct m01-http submission in a plainer style: urlencode with quote_via=quote, the
retry loop with a while, the error body read without a helper."""

import json
import time
import urllib.error
import urllib.parse
import urllib.request


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
        return self._request("GET", self._url("/models/" + urllib.parse.quote(name, safe="")))

    def list_models(self, *, task=None, search=None, page_size=50):
        params = {"page_size": page_size}
        if task is not None:
            params["task"] = task
        if search is not None:
            params["search"] = search
        url = self._url("/models", params)
        result = []
        while url is not None:
            page = self._request("GET", url)
            result.extend(page["items"])
            url = page["next"] and urllib.parse.urljoin(url, page["next"])
        return result

    def register_model(self, name, task, metrics=None):
        if metrics is None:
            metrics = {}
        return self._request(
            "POST", self._url("/models"), {"name": name, "task": task, "metrics": metrics}
        )

    def _url(self, path, params=None):
        url = self.base_url.rstrip("/") + path
        if params:
            url += "?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)
        return url

    def _request(self, method, url, body=None):
        attempt = 0
        while True:
            try:
                return self._send(method, url, body)
            except (ServerError, ApiTimeoutError):
                if method != "GET" or attempt >= self.retries:
                    raise
                time.sleep(self.backoff * (2**attempt))
                attempt += 1

    def _send(self, method, url, body):
        req = urllib.request.Request(url, method=method)
        req.add_header("Accept", "application/json")
        if self.api_key:
            req.add_header("Authorization", "Bearer " + self.api_key)
        if body is not None:
            req.data = json.dumps(body).encode("utf-8")
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                text = resp.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            body_text = e.read().decode("utf-8", "replace")
            e.close()
            try:
                why = json.loads(body_text)["error"]
            except (ValueError, KeyError, TypeError):
                why = body_text[:100]
            cls = NotFoundError if e.code == 404 else ServerError if e.code >= 500 else ApiError
            raise cls(f"HTTP {e.code} for {method} {url}: {why}", status=e.code) from e
        except urllib.error.URLError as e:
            if isinstance(e.reason, TimeoutError):
                raise ApiTimeoutError(f"timed out: {url}") from e
            raise ApiError(f"no connection to {url}: {e.reason}") from e
        except TimeoutError as e:
            raise ApiTimeoutError(f"timed out: {url}") from e
        try:
            return json.loads(text) if text else None
        except json.JSONDecodeError as e:
            raise ApiError(f"{url} did not return JSON") from e
