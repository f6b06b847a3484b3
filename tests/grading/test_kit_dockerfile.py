"""kit.dockerfile: the month-10 rules of a Dockerfile, text in, a verdict out."""

from __future__ import annotations

import pytest

from airoadmap.grading.api import CheckFailed
from airoadmap.grading.kit import dockerfile

pytest.importorskip("dockerfile_parse")

GOOD = """\
FROM python:3.12-slim
WORKDIR /app
RUN useradd --system app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY service.py ./
USER app
EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health')"
CMD ["uvicorn", "service:app", "--host", "0.0.0.0", "--port", "8000"]
"""


def _all_rules(text: str, ignore: list[str] | None = None) -> None:
    instructions = dockerfile.parse(text, exercise="m00-demo")
    dockerfile.base_image_slim_pinned(instructions)
    dockerfile.runs_as_non_root(dockerfile.final(instructions))
    dockerfile.dependencies_before_code(instructions)
    dockerfile.healthcheck_instruction(instructions)
    dockerfile.serves_on_exposed_port(instructions)
    dockerfile.no_secrets(instructions, ignore)


def test_a_good_dockerfile_passes_every_rule() -> None:
    _all_rules(GOOD, [".env", ".git"])


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("FROM python:3.12-slim", "FROM python:latest", "Dockerfile:1: FROM python:latest is the"),
        ("FROM python:3.12-slim", "FROM python:3.12", "is a full image"),
        ("USER app\n", "", "the final stage has no USER"),
        ("RUN useradd --system app\n", "", "no RUN before it creates that user"),
        ("COPY requirements.txt .\n", "COPY . .\nCOPY requirements.txt .\n",
         "copies the code before"),
        ("HEALTHCHECK CMD python -c", "HEALTHCHECK CMD curl -f http://127.0.0.1:8000/health ||",
         "runs curl"),
        ('"--port", "8000"]', '"--port", "9000"]',
         "listens on port 9000, but the image EXPOSEs 8000"),
        ('CMD ["uvicorn", "service:app", "--host", "0.0.0.0", "--port", "8000"]',
         "CMD uvicorn service:app --host 0.0.0.0 --port 8000", "is the shell form"),
        ("USER app", "ENV API_KEY=abc\nUSER app", "puts a secret in the image"),
        ("COPY service.py ./", "COPY service.py id_rsa ./", "copies a secret"),
    ],
)  # fmt: skip
def test_one_edit_breaks_its_rule(old: str, new: str, says: str) -> None:
    assert old in GOOD
    with pytest.raises(CheckFailed) as failed:
        _all_rules(GOOD.replace(old, new, 1))
    assert says in str(failed.value)


def test_no_from_and_dockerignore_are_reported() -> None:
    with pytest.raises(CheckFailed, match="starts with FROM"):
        dockerfile.parse("RUN echo hi\n", exercise="m00-demo")
    with pytest.raises(CheckFailed, match=r"does not leave out \.git"):
        _all_rules(GOOD, [".env"])


def test_dockerignore_matching() -> None:
    patterns = dockerfile.dockerignore_patterns("# comment\n**/.env\n*\n!service.py\n")
    assert patterns == ["**/.env", "*", "!service.py"]
    assert dockerfile.ignored(patterns, ".env")
    assert dockerfile.ignored(patterns, ".git")
    assert not dockerfile.ignored(patterns, "service.py")


def test_a_healthcheck_script_is_judged_by_the_url_it_asks() -> None:
    probe = next(line for line in GOOD.splitlines() if line.startswith("HEALTHCHECK"))
    text = GOOD.replace(
        probe, 'COPY healthcheck.py ./\nHEALTHCHECK CMD ["python", "healthcheck.py"]'
    )
    instructions = dockerfile.parse(text, exercise="m00-demo")

    def url(environ: dict[str, str]) -> str:
        return f"http://127.0.0.1:{environ.get('PORT', '9999')}/health"

    with pytest.raises(CheckFailed, match="set ENV PORT=8000"):
        dockerfile.healthcheck_instruction(instructions, url)
    fixed = text.replace("EXPOSE 8000", "ENV PORT=8000\nEXPOSE 8000")
    dockerfile.healthcheck_instruction(dockerfile.parse(fixed, exercise="m00-demo"), url)
