"""GitHub Actions workflow rules (month 11), shared by the checks that read a learner's CI file.

    from airoadmap.grading.kit import workflow

    doc = workflow.load(text, WORKFLOW)  # ruamel: keeps line numbers for the messages
    workflow.schema_valid(doc, WORKFLOW)
    workflow.lint_test_build(doc, WORKFLOW)
    workflow.actions_pinned(doc, WORKFLOW)

Each rule takes the parsed workflow (a ruamel CommentedMap, whose messages then name the line,
or a plain dict from yaml.safe_load, whose messages do not) and the file's name, and fails the
check (`fail`, `expect`) with one message that says what to do. What a job "does" is read from
its steps' `run` and `uses` lines, lowercased, installs left out (`pip install ruff` lints
nothing). Pure: text in, a verdict out; no Context.
"""

from __future__ import annotations

import importlib.resources
import json
import re
from typing import Any

from airoadmap.grading.api import expect, fail

INSTALL = re.compile(r"\b(pip|uv|pipx|apt-get|apt|conda)\b.*\binstall\b")
LINT_TOOLS = ("ruff", "flake8", "pylint", "black --check", "mypy", "pre-commit")
TEST_TOOLS = ("pytest", "unittest", "tox", "nox", "make test")
BUILD_TOOLS = ("docker build", "docker buildx", "podman build", "buildah", "docker/build-push")
DEPLOY_WORDS = ("deploy", "release", "publish")
MOVING_REFS = frozenset({"main", "master", "latest", "head", "dev", "develop", "trunk"})


def load(text: str, name: str) -> Any:
    """The workflow in `text` parsed by ruamel.yaml (round trip: line numbers kept); a check
    that calls this has made sure ruamel.yaml is installed (kit.needs)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        doc = YAML(typ="rt").load(text)
    except YAMLError as err:
        fail(f"{name} is not valid YAML: {str(err).splitlines()[0]} ({err}).")
    expect(
        isinstance(doc, dict) and isinstance(doc.get("jobs"), dict),
        f"{name} has no `jobs:` mapping: a workflow is `name`, `on` and `jobs`.",
    )
    return doc


def line(node: Any, key: Any) -> str:
    """' (line N)' for a key of a ruamel mapping or an index of a sequence, if known."""
    lc: Any = getattr(node, "lc", None)
    try:
        found = lc.key(key)[0] if isinstance(node, dict) else lc.item(key)[0]
        return f" (line {found + 1})"
    except (AttributeError, KeyError, IndexError, TypeError):
        return ""


def jobs(doc: Any) -> dict[str, Any]:
    """The workflow's jobs that are mappings, by name."""
    return {str(name): job for name, job in doc["jobs"].items() if isinstance(job, dict)}


def needs(job: Any) -> list[str]:
    """The jobs `job` names in `needs:` (one name or a list)."""
    raw = job.get("needs", [])
    return [raw] if isinstance(raw, str) else [str(n) for n in raw or []]


def upstream(all_jobs: dict[str, Any], name: str) -> set[str]:
    """Every job `name` waits for, directly or through others."""
    seen: set[str] = set()
    todo = needs(all_jobs.get(name, {}))
    while todo:
        job = todo.pop()
        if job not in seen:
            seen.add(job)
            todo.extend(needs(all_jobs.get(job, {})))
    return seen


def job_text(job: Any) -> str:
    """What a job runs: its steps' `run` and `uses` lines, lowercased, installs left out
    (`pip install ruff` lints nothing)."""
    lines: list[str] = []
    for step in job.get("steps", []) or []:
        if isinstance(step, dict):
            for key in ("run", "uses"):
                lines.extend(str(step.get(key, "")).lower().splitlines())
    return "\n".join(text for text in lines if not INSTALL.search(text))


def jobs_doing(all_jobs: dict[str, Any], tools: tuple[str, ...]) -> list[str]:
    """The names of the jobs whose steps run one of `tools`."""
    return [name for name, job in all_jobs.items() if any(t in job_text(job) for t in tools)]


def schema_error(doc: Any) -> Any:
    """The best-matching error of `doc` against check-jsonschema's vendored GitHub workflow
    schema (a jsonschema ValidationError), None when it conforms; a check that calls this has
    made sure check-jsonschema is installed (kit.needs)."""
    import jsonschema

    vendor = importlib.resources.files("check_jsonschema.builtin_schemas.vendor")
    schema = json.loads((vendor / "github-workflows.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    return jsonschema.exceptions.best_match(validator.iter_errors(doc))


def schema_valid(doc: Any, name: str) -> None:
    """`doc` follows GitHub's workflow schema (check-jsonschema's), or the check fails at the
    first place it does not."""
    error = schema_error(doc)
    if error is None:
        return
    where = ".".join(str(p) for p in error.absolute_path) or "the top level"
    node, at = doc, ""
    for part in error.absolute_path:
        at = line(node, part) or at
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    fail(
        f"{name} does not follow the GitHub workflow schema at {where}{at}: "
        f"{error.message[:300]}. (`check-jsonschema --builtin-schema vendor.github-workflows "
        f"{name}` says the same; a job needs `runs-on` and `steps`, a step `run` or "
        "`uses`.)"
    )


def lint_test_build(doc: Any, name: str) -> None:
    """Some job lints, some job runs the tests, some job builds the image."""
    all_jobs = jobs(doc)
    for what, tools in (("lints", LINT_TOOLS), ("runs the tests", TEST_TOOLS)):
        expect(
            bool(jobs_doing(all_jobs, tools)),
            f"No job of {name} {what}: add a step that runs one of {list(tools)}.",
        )
    expect(
        bool(jobs_doing(all_jobs, BUILD_TOOLS)),
        f"No job of {name} builds the service's image: add a step `docker build ...` (or "
        "docker/build-push-action) after the tests.",
    )


def tests_gate_deploy(doc: Any, name: str) -> None:
    """A deploy job exists, runs no tests itself and waits (`needs`) for a job that does."""
    all_jobs = jobs(doc)
    deploys = [n for n in all_jobs if any(w in n.lower() for w in DEPLOY_WORDS)]
    deploys += [n for n in jobs_doing(all_jobs, ("kubectl", "helm ")) if n not in deploys]
    expect(
        bool(deploys),
        f"{name} has no deploy job: add a job named `deploy` (kubectl apply, or a "
        "placeholder step) that ships the image.",
    )
    testers = set(jobs_doing(all_jobs, TEST_TOOLS))
    for job in deploys:
        expect(
            job not in testers,
            f"The job {job!r}{line(doc['jobs'], job)} both runs the tests and deploys: put "
            "the tests in their own job and let the deploy job `needs:` it.",
        )
        waits = upstream(all_jobs, job)
        expect(
            bool(waits & testers),
            f"The job {job!r}{line(doc['jobs'], job)} does not wait for the tests: jobs "
            f"run in parallel unless `needs:` says otherwise. Add `needs: "
            f"[{', '.join(sorted(testers))}]` (directly, or through the build job).",
        )


def pin_problem(uses: str) -> str | None:
    """What is wrong with a step's `uses:` reference (None: pinned, or this repository's)."""
    if uses.startswith("./"):  # an action of this repository: reviewed with it
        return None
    if uses.startswith("docker://"):
        image = uses.removeprefix("docker://")
        return None if "@sha256:" in image or ":" in image else "a container image without a tag"
    if "@" not in uses:
        return "no version after `@`"
    ref = uses.rsplit("@", 1)[1]
    if ref.lower() in MOVING_REFS:
        return f"`@{ref}` is a branch: it moves"
    if re.fullmatch(r"[0-9a-f]{40}", ref) or re.fullmatch(r"v?\d+(\.\d+){0,2}", ref):
        return None
    return f"`@{ref}` is neither a release tag (v4, v4.2.1) nor a full commit sha"


def actions_pinned(doc: Any, name: str) -> None:
    """Every step's action is pinned to a release tag or a commit sha."""
    for job_name, job in jobs(doc).items():
        steps = job.get("steps", []) or []
        for index, step in enumerate(steps):
            if not isinstance(step, dict) or "uses" not in step:
                continue
            problem = pin_problem(str(step["uses"]))
            expect(
                problem is None,
                f"{name}, job {job_name!r}, step {index + 1}{line(steps, index)}: `uses: "
                f"{step['uses']}`: {problem}. Pin each action (actions/checkout@v4, or @ a "
                "40-character sha) so the pipeline runs the code you reviewed.",
            )
