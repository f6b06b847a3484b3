"""Every page of the dashboard, against a fresh workspace: status 200, the content, and
progress recorded elsewhere (as `airoadmap check` records it) showing on the next request."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from airoadmap.curriculum.loader import curriculum
from airoadmap.progress.store import ProgressStore
from airoadmap.results import Outcome
from airoadmap.web import create_app
from airoadmap.web.markdown import render_markdown
from airoadmap.workspace import Workspace

from .conftest import RUN_NAME, RUN_PROJECT

CUR = curriculum()


def failing_checks(r2: float) -> list[dict[str, object]]:
    return [
        {"name": "closed form matches numpy", "outcome": "PASS", "message": "", "hint": None},
        {
            "name": "held-out R^2 reaches the bar",
            "outcome": "PASS" if r2 >= 0.9 else "FAIL",
            "message": "" if r2 >= 0.9 else f"r2_holdout={r2:.4g} is below the bar 0.9.",
            "hint": "general",
        },
    ]


def every_page() -> list[str]:
    pages = ["/", "/runs", f"/runs/{RUN_PROJECT}/{RUN_NAME}", "/quiz"]
    pages += [f"/months/{m.number}" for m in CUR.months]
    pages += [f"/exercises/{eid}" for eid in CUR.exercises]
    return pages


def test_every_page_answers(client: TestClient) -> None:
    for page in every_page():
        response = client.get(page)
        assert response.status_code == 200, page
        assert response.headers["content-type"].startswith("text/html"), page
        assert "<title>" in response.text and "airoadmap" in response.text, page


def test_pages_load_nothing_from_the_network(client: TestClient) -> None:
    resource = re.compile(
        r"<(?:script|img|iframe)[^>]*\ssrc=\"([^\"]+)\"|<link[^>]*href=\"([^\"]+)\""
    )
    for page in every_page():
        html = client.get(page).text
        for src, href in resource.findall(html):
            url = src or href
            assert url.startswith("/"), f"{page} loads {url}"
    csp = client.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in csp and "http" not in csp


def test_roadmap_shows_phases_months_schedule_and_next_step(client: TestClient) -> None:
    html = client.get("/").text
    assert CUR.roadmap.title.split(":")[0] in html
    for phase in CUR.roadmap.phases:
        assert f'id="phase-{phase.number}"' in html and phase.title in html
    for month in CUR.months:
        assert f'id="month-{month.number}"' in html
        assert f'href="/months/{month.number}"' in html
    assert "Month 3 of 12" in html  # the schedule started 70 days ago at 10 h/week
    assert "behind by" in html  # nothing passed yet
    first = CUR.ordered_exercises()[0]
    assert 'id="next-step"' in html and f"/exercises/{first.id}" in html
    assert "cards due" in html or "card" in html
    assert 'class="tl-today"' in html  # today's marker on the timeline


def test_a_check_recorded_elsewhere_shows_on_the_next_request(
    client: TestClient, store: ProgressStore
) -> None:
    page = client.get("/exercises/m03-linreg").text
    assert "not started" in page and 'id="last-check"' not in page
    store.record_attempt("m03-linreg", Outcome.FAIL, {"r2_holdout": 0.71}, failing_checks(0.71))
    page = client.get("/exercises/m03-linreg").text
    assert 'id="last-check"' in page
    assert "r2_holdout=0.71 is below the bar 0.9." in page
    assert "failing" in page and "1 attempt" in page

    first = CUR.ordered_exercises()[0]
    before = client.get("/").text
    store.record_attempt(first.id, Outcome.PASS)
    after = client.get("/").text
    assert re.search(r"<div class=\"stat-value\">0 <span", before)
    assert re.search(r"<div class=\"stat-value\">1 <span", after)
    assert f"/exercises/{first.id}" not in after.split('id="next-step"')[1].split("</section>")[0]


def test_exercise_chart_of_the_metric_against_its_bar(
    client: TestClient, store: ProgressStore
) -> None:
    for r2 in (0.42, 0.71, 0.93):
        outcome = Outcome.PASS if r2 >= 0.9 else Outcome.FAIL
        store.record_attempt("m03-linreg", outcome, {"r2_holdout": r2}, failing_checks(r2))
    html = client.get("/exercises/m03-linreg").text
    assert '<script src="/static/plotly.min.js" defer></script>' in html
    figure = re.search(r'<script type="application/json" id="fig-1">(.*?)</script>', html, re.S)
    assert figure is not None
    spec = json.loads(figure.group(1))
    assert spec["data"][0]["y"] == [0.42, 0.71, 0.93]
    assert spec["layout"]["shapes"][0]["y0"] == 0.9  # the bar, from exercise.toml [bars]
    assert "bar ≥ 0.9" in spec["layout"]["annotations"][0]["text"]
    assert "r2_holdout = 0.93" in html and "(bar ≥ 0.9)" in html


def test_exercise_without_metrics_has_no_chart(client: TestClient, store: ProgressStore) -> None:
    store.record_attempt("m01-katas", Outcome.FAIL, {}, [])
    html = client.get("/exercises/m01-katas").text
    assert "plotly.min.js" not in html and "record no metrics" in html


def test_exercise_brief_hints_and_solution(client: TestClient, store: ProgressStore) -> None:
    ex = CUR.exercises["m03-linreg"]
    html = client.get("/exercises/m03-linreg").text
    assert "<h2>The contract</h2>" in html  # the brief, rendered from markdown
    assert "<math" in html or "math-src" in html  # its maths
    assert 'id="solution"' in html and "It appears here once your work passes" in html
    assert "class LinearRegression" not in html

    group = ex.hints[0]
    store.record_hint(ex.id, group.key, 1)
    store.record_hint(ex.id, group.key, 2)
    html = client.get("/exercises/m03-linreg").text
    assert "2 of" in html
    first_words = re.sub(r"[`*]", "", group.tiers[0]).split()[:3]
    assert " ".join(first_words) in unescape(re.sub(r"<[^>]+>", "", html))

    store.record_reveal(ex.id, after_pass=False)
    html = client.get("/exercises/m03-linreg").text
    assert "Revealed before passing" in html
    assert "LinearRegression" in html and 'class="file"' in html


def test_solution_shows_once_passed(client: TestClient, store: ProgressStore) -> None:
    store.record_attempt("m01-katas", Outcome.PASS)
    html = client.get("/exercises/m01-katas").text
    assert 'class="file"' in html and "Revealed before passing" not in html
    assert "passed" in html


def test_attempts_table_shows_the_last_fifty(client: TestClient, store: ProgressStore) -> None:
    for i in range(60):
        store.record_attempt("m03-linreg", Outcome.FAIL, {"r2_holdout": i / 100})
    html = client.get("/exercises/m03-linreg").text
    assert "The last 50 of 60" in html

    def rows(page: str) -> int:
        return page.split('id="attempts"')[1].split("</section>")[0].count("<tr>")

    assert rows(html) == 51  # header + 50
    assert rows(client.get("/exercises/m03-linreg?all=1").text) == 61


def test_month_page(client: TestClient, store: ProgressStore) -> None:
    month = CUR.month(3)
    store.record_attempt("m03-linreg", Outcome.PASS)
    html = client.get("/months/3").text
    assert month.title in html and month.goal.split(",")[0] in html
    for topic in month.topics:
        assert topic.name in html
    for tool in month.tools:
        assert tool.name in html
    for eid in month.exercises:
        assert f'href="/exercises/{eid}"' in html
    assert "passed" in html and "not started" in html
    assert "cards due" in html or "card due" in html
    # the reference project and its last run
    assert "airoadmap run m03-linreg" in html
    assert f'href="/runs/{RUN_PROJECT}/{RUN_NAME}"' in html
    assert "r2_test" in html and "summary.gd_iters" in html
    assert f'src="/artifacts/{RUN_PROJECT}/{RUN_NAME}/figures/extra.png"' in html
    assert client.get("/months/m03").status_code == 200


def test_month_without_a_run_says_so(client: TestClient) -> None:
    html = client.get("/months/4").text
    assert "Not run yet in this workspace" in html


def test_run_page_shows_figures_reports_and_metrics(client: TestClient) -> None:
    html = client.get(f"/runs/{RUN_PROJECT}/{RUN_NAME}").text
    base = f"/artifacts/{RUN_PROJECT}/{RUN_NAME}/"
    assert f'src="{base}loss.png"' in html  # inside the markdown report, rebased
    assert f'src="{base}figures/extra.png"' in html  # the figure the report does not show
    assert f'<iframe class="report-frame" src="{base}report.html" sandbox="allow-scripts"' in html
    assert "<h1>Linear regression report</h1>" in html
    assert "<script>alert" not in html and "&lt;script&gt;" in html  # raw HTML escaped
    assert "r2_test" in html and "0.9107" in html  # metrics.json, pretty
    assert "coefficients.csv" in html
    assert "2026-01-01 12:00:00 UTC" in html
    listing = client.get("/runs").text
    assert f'href="/runs/{RUN_PROJECT}/{RUN_NAME}"' in listing
    assert "airoadmap run m04-titanic" in listing  # a project not run yet


def test_artifacts_are_served_sandboxed(client: TestClient) -> None:
    base = f"/artifacts/{RUN_PROJECT}/{RUN_NAME}"
    image = client.get(f"{base}/loss.png")
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")
    report = client.get(f"{base}/report.html")
    assert report.status_code == 200 and "HTML report inside" in report.text
    assert report.headers["content-security-policy"].startswith("sandbox allow-scripts")
    csv = client.get(f"{base}/coefficients.csv")
    assert csv.headers["content-type"].startswith("text/plain")
    assert csv.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/exercises/m03-linregg", "Unknown exercise 'm03-linregg'. Did you mean m03-linreg?"),
        ("/exercises/nothing", "Unknown exercise &#39;nothing&#39;"),
        ("/months/13", "Unknown month &#39;13&#39;: the roadmap has months 1 to 12."),
        ("/months/abc", "Unknown month &#39;abc&#39;"),
        (f"/runs/{RUN_PROJECT}/19990101-000000", "No run"),
        ("/no/such/page", "There is no page at /no/such/page."),
    ],
)
def test_unknown_pages_are_404_with_a_clear_message(
    client: TestClient, path: str, message: str
) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert message.replace("'", "&#39;") in response.text or message in response.text
    assert "Back to the roadmap" in response.text


def test_bad_query_is_a_400_page(client: TestClient) -> None:
    response = client.get("/quiz?month=99")
    assert response.status_code == 400 and "The request is not valid" in response.text


def test_plotly_js_is_served_from_the_package_with_caching(client: TestClient) -> None:
    response = client.get("/static/plotly.min.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert "max-age" in response.headers["cache-control"]
    assert len(response.content) > 1_000_000 and b"plotly" in response.content[:2000].lower()
    etag = response.headers["etag"]
    again = client.get("/static/plotly.min.js", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.content
    for name in ("dashboard.css", "dashboard.js", "code.css", "favicon.svg"):
        assert client.get(f"/static/{name}").status_code == 200, name


def test_foreign_host_header_is_refused(workspace: Workspace) -> None:
    with TestClient(create_app(workspace), base_url="http://evil.example") as c:
        response = c.get("/")
    assert response.status_code == 400 and "Invalid Host header" in response.text
    with TestClient(create_app(workspace), base_url="http://localhost:8765") as c:
        assert c.get("/").status_code == 200
    with TestClient(create_app(workspace, allowed_hosts=None), base_url="http://lan.box") as c:
        assert c.get("/").status_code == 200


def test_create_app_finds_the_workspace_like_the_cli(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace.root / CUR.month(3).slug)
    with TestClient(create_app()) as c:
        assert c.get("/").status_code == 200
    monkeypatch.chdir(workspace.root.parent)
    from airoadmap.errors import WorkspaceError

    with pytest.raises(WorkspaceError, match="airoadmap init"):
        create_app()


def test_markdown_escapes_html_and_drops_script_links() -> None:
    html = str(render_markdown("<b>x</b> [a](javascript:alert(1)) $5 and $10 `$x$`"))
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert 'href="javascript' not in html
    assert "$5 and $10" in html and "<code>$x$</code>" in html
    rebased = str(
        render_markdown(
            "![f](a.png) [r](sub/r.html) [w](https://x.org) [t](#top)", base_url="/artifacts/p/r/"
        )
    )
    assert 'src="/artifacts/p/r/a.png"' in rebased and 'href="/artifacts/p/r/sub/r.html"' in rebased
    assert 'href="https://x.org"' in rebased and 'href="#top"' in rebased


def test_names_from_the_file_system_are_escaped(workspace: Workspace, client: TestClient) -> None:
    name = '<b onclick="x()">odd&'
    odd = workspace.runs_dir / name / "20260101-000000"
    odd.mkdir(parents=True)
    (odd / "a b&c.png").write_bytes(b"not really a png")
    listing = client.get("/runs").text
    assert name not in listing and "&lt;b onclick=&#34;x()&#34;&gt;odd&amp;" in listing
    link = "/runs/%3Cb%20onclick%3D%22x%28%29%22%3Eodd%26/20260101-000000"
    assert f'href="{link}"' in listing
    page = client.get(link)
    assert page.status_code == 200 and name not in page.text
    assert (
        'src="/artifacts/%3Cb%20onclick%3D%22x%28%29%22%3Eodd%26/20260101-000000/a%20b%26c.png"'
        in page.text
    )
    assert client.get(f"/artifacts/{name}/20260101-000000/a b&c.png").status_code == 200


def test_a_message_with_source_and_caret_keeps_its_columns(
    client: TestClient, store: ProgressStore
) -> None:
    source = "    def f(x) -> int"
    message = f"SyntaxError in katas.py line 33: expected ':'\n{source}\n" + " " * 19 + "^"
    checks = [{"name": "your code loads", "outcome": "ERROR", "message": message, "hint": None}]
    store.record_attempt("m01-katas", Outcome.ERROR, {}, checks)
    page = client.get("/exercises/m01-katas").text
    first, rest = message.split("\n", 1)
    assert f'<div class="check-msg">{first}<pre class="check-more">' in unescape(page)
    assert f"{rest}</pre>" in unescape(page)  # the caret stays under its column
