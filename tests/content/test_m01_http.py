"""m01-http: the solution passes, the starter is not attempted, wrong code fails.

The checks start a local HTTP server on 127.0.0.1 in the test process itself. Wrong
submissions are the solution with one piece replaced (code appended to it); correct
alternatives, written differently (one on http.client), live in submissions/m01_http/.
"""

from __future__ import annotations

import ast
import inspect
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from textwrap import dedent

import pytest

from airoadmap.grading import api
from tests.content.m01_runner import InProcess, Results, failures, load_module

EX = InProcess("m01-http", "client")
SUBMISSIONS = Path(__file__).parent / "submissions" / "m01_http"
CHECKS = ["get", "errors", "pagination", "retries", "timeout", "post"]


@pytest.fixture(autouse=True)
def _local_and_no_bytecode(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No proxy for the local server (a developer's environment may set one); no __pycache__
    in the content folder."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    yield


def run(tmp_path: Path, source: Path, extra: str = "") -> Results:
    return EX.run_all(EX.workdir(tmp_path, source, dedent(extra)))


# -- the content fits together ------------------------------------------------------------------


def test_exercise_toml_is_valid_and_complete() -> None:
    ex = EX.exercise()
    assert ex.id == "m01-http" and ex.month == 1
    assert ex.files == ["client.py"] and ex.checks == "checks.py"
    assert ex.datasets == [] and ex.limits.processes == 0
    assert sorted(h.key for h in ex.hints) == sorted([*CHECKS, "general"])
    for group in ex.hints:
        assert len(group.tiers) == 3, f"{group.key}: a nudge, the approach, nearly the code"
    brief = (EX.root / "brief.md").read_text(encoding="utf-8")
    assert "airoadmap check m01-http" in brief and "urllib" in brief


def test_one_check_per_part_each_with_its_hints() -> None:
    specs = EX.load_checks()
    assert [s.hint for s in specs] == CHECKS
    assert len({s.name for s in specs}) == len(specs)


def test_starter_and_solution_share_the_same_contract() -> None:
    starter = load_module(EX.starter(), "m01_client_starter")
    solution = load_module(EX.solution(), "m01_client_solution")
    given = ["ApiError", "NotFoundError", "ServerError", "ApiTimeoutError", "__init__"]
    for name in given:
        assert _source_of(EX.starter(), name) == _source_of(EX.solution(), name), name
    mine, ref = starter.RegistryClient, solution.RegistryClient
    assert inspect.getdoc(mine) == inspect.getdoc(ref)
    for method, value in vars(ref).items():
        if inspect.isfunction(value):
            assert inspect.signature(getattr(mine, method)) == inspect.signature(value), method
            assert inspect.getdoc(getattr(mine, method)) == inspect.getdoc(value), method


def _source_of(path: Path, name: str) -> str:
    """The source text of the class or function called `name` in the file at `path`."""
    source = path.read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef | ast.FunctionDef) and node.name == name:
            return ast.get_source_segment(source, node) or ""
    raise AssertionError(f"{name} not found in {path}")


def test_every_starter_method_is_a_todo() -> None:
    source = EX.starter().read_text(encoding="utf-8")
    lines = source.splitlines()
    todo = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and node.name != "__init__":
            body = [
                s
                for s in node.body
                if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
            ]
            assert len(body) == 1 and isinstance(body[0], ast.Raise), node.name
            above = lines[body[0].lineno - 5 : body[0].lineno - 1]
            assert any("# TODO:" in line for line in above), node.name
            todo.append(node.name)
    assert sorted(todo) == sorted(
        ["get_model", "list_models", "register_model", "_url", "_request", "_send"]
    )


def test_solution_imports_nothing_but_the_standard_library() -> None:
    tree = ast.parse(EX.solution().read_text(encoding="utf-8"))
    roots = {
        (alias.name if isinstance(node, ast.Import) else node.module or "").split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert roots <= set(sys.stdlib_module_names) | {"__future__"}, roots


# -- the solution passes, the starter is not attempted ------------------------------------------


def test_solution_passes_every_check_quickly(tmp_path: Path) -> None:
    start = time.perf_counter()
    results = run(tmp_path, EX.solution())
    elapsed = time.perf_counter() - start
    assert failures(results) == {}
    assert set(results) == set(CHECKS)
    assert elapsed < 5.0  # the sandbox allows 20 s; it takes about 1.3 s


def test_starter_reads_not_attempted_everywhere(tmp_path: Path) -> None:
    results = run(tmp_path, EX.starter())
    for key, err in results.items():
        assert type(err) is NotImplementedError, f"{key}: {err!r}"


@pytest.mark.parametrize("source", sorted(SUBMISSIONS.glob("alt_*.py")), ids=lambda p: p.stem)
def test_correct_alternative_passes(tmp_path: Path, source: Path) -> None:
    assert failures(run(tmp_path, source)) == {}


def test_there_are_correct_alternatives() -> None:
    assert len(list(SUBMISSIONS.glob("alt_*.py"))) >= 2


# -- wrong submissions fail the right checks, with a message that teaches ------------------------

# (what is wrong, the check that must fail, other checks it also breaks, code appended to the
# solution). The others may fail (CheckFailed) or crash (the bug raises in the learner's code).
WRONG: list[tuple[str, str, set[str], str]] = [
    (
        "urljoin drops /api/v1",
        "get",
        {"errors", "pagination", "retries", "timeout", "post"},
        """
        def _url(self, path, params=None):
            url = urllib.parse.urljoin(self.base_url, path)
            query = {k: v for k, v in (params or {}).items() if v is not None}
            return f"{url}?{urllib.parse.urlencode(query)}" if query else url
        RegistryClient._url = _url
        """,
    ),
    (
        "a trailing '/' doubles the slash",
        "get",
        set(),
        """
        def _url(self, path, params=None):
            url = self.base_url + path
            query = {k: v for k, v in (params or {}).items() if v is not None}
            return f"{url}?{urllib.parse.urlencode(query)}" if query else url
        RegistryClient._url = _url
        """,
    ),
    (
        "quote keeps '/' in the name",
        "get",
        set(),
        """
        RegistryClient.get_model = lambda self, name: self._request(
            "GET", self._url("/models/" + urllib.parse.quote(name))
        )
        """,
    ),
    (
        "the name is not quoted at all",
        "get",
        set(),
        """
        RegistryClient.get_model = lambda self, name: self._request(
            "GET", self._url("/models/" + name)
        )
        """,
    ),
    (
        "404 is a plain ApiError",
        "errors",
        set(),
        """
        def _http_error(status, message):
            return (ServerError if status >= 500 else ApiError)(message, status=status)
        """,
    ),
    (
        "the server's error text is dropped",
        "errors",
        {"post"},
        """
        _error_detail = lambda raw: None
        """,
    ),
    (
        "URLError is caught before HTTPError",
        "errors",
        {"retries", "post"},
        """
        def _send(self, method, url, body):
            headers = {"Content-Type": "application/json"} if body is not None else {}
            if self.api_key:
                headers["Authorization"] = f"Bearer {self.api_key}"
            data = None if body is None else json.dumps(body).encode("utf-8")
            request = urllib.request.Request(url, data=data, headers=headers, method=method)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                    raw = reply.read()
            except TimeoutError as err:
                raise ApiTimeoutError(f"{url} timed out") from err
            except urllib.error.URLError as err:
                if isinstance(err, urllib.error.HTTPError):
                    err.close()
                raise ApiError(f"cannot reach {url}: {err.reason}") from err
            return json.loads(raw)
        RegistryClient._send = _send
        """,
    ),
    (
        "every ApiError is retried",
        "errors",
        {"retries"},
        """
        def _request(self, method, url, body=None):
            for attempt in range(1 + self.retries):
                try:
                    return self._send(method, url, body)
                except ApiError:
                    if attempt == self.retries:
                        raise
                time.sleep(self.backoff * 2 ** attempt)
        RegistryClient._request = _request
        """,
    ),
    (
        "a reply that is not JSON raises JSONDecodeError",
        "errors",
        set(),
        """
        _checked_send = RegistryClient._send
        def _send(self, method, url, body):
            if url.endswith("html-model"):
                return json.loads("<html>")
            return _checked_send(self, method, url, body)
        RegistryClient._send = _send
        """,
    ),
    (
        "reads the first page only",
        "pagination",
        set(),
        """
        RegistryClient.list_models = lambda self, *, task=None, search=None, page_size=50: (
            self._request(
                "GET",
                self._url("/models", {"task": task, "search": search, "page_size": page_size}),
            )["items"]
        )
        """,
    ),
    (
        "follows 'next' without resolving it",
        "pagination",
        set(),
        """
        def list_models(self, *, task=None, search=None, page_size=50):
            url = self._url("/models", {"task": task, "search": search, "page_size": page_size})
            models = []
            while url:
                page = self._request("GET", url)
                models.extend(page["items"])
                url = page.get("next")
            return models
        RegistryClient.list_models = list_models
        """,
    ),
    (
        "sends the None parameters",
        "pagination",
        set(),
        """
        def _url(self, path, params=None):
            url = self.base_url.rstrip("/") + path
            return f"{url}?{urllib.parse.urlencode(params)}" if params else url
        RegistryClient._url = _url
        """,
    ),
    (
        "builds the query with an f-string",
        "pagination",
        set(),
        """
        def _url(self, path, params=None):
            url = self.base_url.rstrip("/") + path
            pairs = [f"{k}={v}" for k, v in (params or {}).items() if v is not None]
            return url + "?" + "&".join(pairs) if pairs else url
        RegistryClient._url = _url
        """,
    ),
    (
        "retries without waiting",
        "retries",
        set(),
        """
        class _NoWait:
            @staticmethod
            def sleep(seconds):
                pass
        time = _NoWait  # the module's `time.sleep` now returns at once
        """,
    ),
    (
        "waits the same each time",
        "retries",
        set(),
        """
        def _request(self, method, url, body=None):
            attempts = 1 + (self.retries if method == "GET" else 0)
            for attempt in range(attempts):
                try:
                    return self._send(method, url, body)
                except (ServerError, ApiTimeoutError):
                    if attempt == attempts - 1:
                        raise
                time.sleep(self.backoff)
        RegistryClient._request = _request
        """,
    ),
    (
        "retries a POST",
        "retries",
        set(),
        """
        def _request(self, method, url, body=None):
            for attempt in range(1 + self.retries):
                try:
                    return self._send(method, url, body)
                except (ServerError, ApiTimeoutError):
                    if attempt == self.retries:
                        raise
                time.sleep(self.backoff * 2 ** attempt)
        RegistryClient._request = _request
        """,
    ),
    (
        "one attempt short",
        "retries",
        {"timeout"},
        """
        def _request(self, method, url, body=None):
            attempts = self.retries if method == "GET" else 1
            for attempt in range(max(attempts, 1)):
                try:
                    return self._send(method, url, body)
                except (ServerError, ApiTimeoutError):
                    if attempt >= attempts - 1:
                        raise
                time.sleep(self.backoff * 2 ** attempt)
        RegistryClient._request = _request
        """,
    ),
    (
        "no timeout given to urlopen",
        "timeout",
        set(),
        """
        def _send(self, method, url, body):
            headers = {"Content-Type": "application/json"} if body is not None else {}
            if self.api_key:
                headers["Authorization"] = f"Bearer {self.api_key}"
            data = None if body is None else json.dumps(body).encode("utf-8")
            request = urllib.request.Request(url, data=data, headers=headers, method=method)
            try:
                with urllib.request.urlopen(request) as reply:  # no timeout
                    raw = reply.read()
            except urllib.error.HTTPError as err:
                with err:
                    detail = _error_detail(err.read())
                raise _http_error(err.code, f"HTTP {err.code}: {detail}") from err
            except urllib.error.URLError as err:
                raise ApiError(f"cannot reach {url}: {err.reason}") from err
            try:
                return json.loads(raw)
            except ValueError as err:
                raise ApiError("not JSON") from err
        RegistryClient._send = _send
        """,
    ),
    (
        "a late reply escapes as TimeoutError",
        "timeout",
        set(),
        """
        _checked_send = RegistryClient._send
        def _send(self, method, url, body):
            try:
                return _checked_send(self, method, url, body)
            except ApiTimeoutError as err:
                raise err.__cause__ from None
        RegistryClient._send = _send
        """,
    ),
    (
        "timeouts are not retried",
        "timeout",
        set(),
        """
        def _request(self, method, url, body=None):
            attempts = 1 + (self.retries if method == "GET" else 0)
            for attempt in range(attempts):
                try:
                    return self._send(method, url, body)
                except ServerError:
                    if attempt == attempts - 1:
                        raise
                time.sleep(self.backoff * 2 ** attempt)
        RegistryClient._request = _request
        """,
    ),
    (
        "no Content-Type: urllib sends form data",
        "post",
        {"retries"},
        """
        _checked_send = RegistryClient._send
        def _send(self, method, url, body):
            if body is None:
                return _checked_send(self, method, url, body)
            request = urllib.request.Request(
                url, data=json.dumps(body).encode(), method=method,
                headers={"Authorization": f"Bearer {self.api_key}"},
            )
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                    return json.loads(reply.read())
            except urllib.error.HTTPError as err:
                with err:
                    detail = _error_detail(err.read())
                raise _http_error(err.code, f"HTTP {err.code}: {detail}") from err
        RegistryClient._send = _send
        """,
    ),
    (
        "no API key sent",
        "post",
        {"retries"},
        """
        _init = RegistryClient.__init__
        def __init__(self, base_url, **options):
            options.pop("api_key", None)
            _init(self, base_url, **options)
        RegistryClient.__init__ = __init__
        """,
    ),
    (
        "metrics sent as null",
        "post",
        {"retries"},
        """
        RegistryClient.register_model = lambda self, name, task, metrics=None: self._request(
            "POST", self._url("/models"), {"name": name, "task": task, "metrics": metrics}
        )
        """,
    ),
]

CODE = {why: code for why, _, _, code in WRONG}


@pytest.fixture(scope="module")
def wrong_results(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Results]:
    """The checks' results on each wrong submission, run once (each run takes about 1 s)."""
    cache: dict[str, Results] = {}

    def results(why: str) -> Results:
        if why not in cache:
            cache[why] = run(tmp_path_factory.mktemp("wrong"), EX.solution(), CODE[why])
        return cache[why]

    return results


@pytest.mark.parametrize(
    ("why", "primary", "others"),
    [pytest.param(why, primary, others, id=why) for why, primary, others, _ in WRONG],
)
def test_wrong_submission_fails_its_checks(
    wrong_results: Callable[[str], Results], why: str, primary: str, others: set[str]
) -> None:
    results = wrong_results(why)
    failed = {key for key, err in results.items() if err is not None}
    assert failed == {primary, *others}, failures(results)
    err = results[primary]
    assert isinstance(err, api.CheckFailed), f"{primary}: {err!r}"
    assert str(err) and "\n" not in str(err), f"{primary}: {err}"
    assert not any(isinstance(e, NotImplementedError) for e in results.values())


def test_wrong_submissions_cover_every_check() -> None:
    assert {primary for _, primary, _, _ in WRONG} == set(CHECKS)


@pytest.mark.parametrize(
    ("why", "key", "phrase"),
    [
        ("urljoin drops /api/v1", "get", "base_url + path"),
        ("a trailing '/' doubles the slash", "get", "rstrip('/')"),
        ("quote keeps '/' in the name", "get", "safe=''"),
        ("the name is not quoted at all", "get", "urllib.parse.quote"),
        ("every ApiError is retried", "errors", "do not retry"),
        ("follows 'next' without resolving it", "pagination", "urljoin"),
        ("sends the None parameters", "pagination", "parameters that are None"),
        ("builds the query with an f-string", "pagination", "urlencode"),
        ("waits the same each time", "retries", "doubling"),
        ("retries a POST", "retries", "never retry a POST"),
        ("no timeout given to urlopen", "timeout", "timeout was not applied"),
        ("no Content-Type: urllib sends form data", "post", "Content-Type: application/json"),
    ],
)
def test_messages_name_the_mistake(
    wrong_results: Callable[[str], Results], why: str, key: str, phrase: str
) -> None:
    message = str(wrong_results(why)[key])
    assert phrase in message, message
