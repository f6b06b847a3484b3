"""The portfolio site: only what passed, hashes a reader can check, no network, links that
resolve, and a rebuild that replaces only its own folder."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from airoadmap import __version__
from airoadmap.errors import AiroadmapError
from airoadmap.grading.workcopy import code_hash
from airoadmap.portfolio import build_portfolio, verify_site
from airoadmap.portfolio.layout import MARKER
from tests.portfolio.conftest import NOT_PASSED, PASSED, Built, learner_path


class Refs(HTMLParser):
    """Every reference of a page: (tag, attribute, value)."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "srcset", "action", "poster", "data") and value:
                self.refs.append((tag, name, value))


def refs_of(page: Path) -> list[tuple[str, str, str]]:
    parser = Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.refs


def pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- what appears ---------------------------------------------------------------------------


def test_only_passed_exercises_appear(built: Built) -> None:
    out = built.out
    assert sorted(built.result.included) == sorted(PASSED)
    assert sorted(e["id"] for e in manifest(out)["exercises"]) == sorted(PASSED)
    for eid in PASSED:
        assert (out / eid / "index.html").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    readme = (out / "README.md").read_text(encoding="utf-8")
    for eid in NOT_PASSED:
        assert not (out / eid).exists()
        assert eid not in index and eid not in readme
        for page in pages(out):
            assert eid not in page.read_text(encoding="utf-8"), page
    assert "m03-linreg/index.html" in index and "m01-katas/index.html" in readme
    assert "Ada Lovelace" in index


def test_exercise_page_shows_brief_metrics_checks_and_model_card(built: Built) -> None:
    page = (built.out / "m03-linreg" / "index.html").read_text(encoding="utf-8")
    assert "Linear regression from scratch in NumPy" in page
    assert "<h4>The contract</h4>" in page  # the brief, rendered, under the page's headings
    assert "held-out R^2 on house prices reaches the bar" in page  # a check and its metric
    assert re.search(r"<code>r2_holdout</code> = 0\.90\d\d", page)  # the metric it measured
    assert "bar: at least 0.9<" in page  # its bar, from exercise.toml [bars]
    assert "Sensitive to outliers" in page  # a limitation from exercise.toml [model_card]
    checks = next(e for e in manifest(built.out)["exercises"] if e["id"] == "m03-linreg")["checks"]
    assert f"{len(checks)} of {len(checks)} passed" in page and len(checks) >= 12
    assert "Model card" in page
    for section in ("Intended use", "Data", "Metrics", "Limitations", "Ethical considerations"):
        assert f"<h3>{section}</h3>" in page
    assert "Hints taken</dt><dd>1<" in page
    katas = (built.out / "m01-katas" / "index.html").read_text(encoding="utf-8")
    assert "Model card" not in katas  # no model metric: no model was trained


def test_figures_come_from_the_latest_complete_run_only(built: Built) -> None:
    figures = built.out / "m03-linreg" / "figures"
    assert sorted(p.name for p in figures.iterdir()) == [
        "loss-curve.png",
        "predicted_vs_actual.png",
    ]
    # not the newer unfinished run, not a file that is no PNG, not a symbolic link
    for p in figures.iterdir():
        assert p.read_bytes().startswith(b"\x89PNG")
    entry = next(e for e in manifest(built.out)["exercises"] if e["id"] == "m03-linreg")
    assert entry["figures_run"] == "20260105-101500"
    assert not (built.out / "m03-gradients").exists()  # its run does not count: it failed


# -- the manifest -----------------------------------------------------------------------------


def test_manifest_hashes_match_the_graded_files(built: Built) -> None:
    data = manifest(built.out)
    assert data["airoadmap_version"] == __version__
    assert data["generator"] == "airoadmap portfolio"
    entry = next(e for e in data["exercises"] if e["id"] == "m03-linreg")
    assert entry["outcome"] == "PASS" and entry["attempted_at"].endswith("Z")
    assert entry["code_hash"] == built.linreg_hash
    mine = learner_path(built.ws, "m03-linreg", "linreg.py")
    assert entry["code_hash_now"] == code_hash(mine.parent, ["linreg.py"]) == built.linreg_hash
    assert entry["matches"] is True and entry["status"] == "code unchanged since it passed"
    [f] = entry["files"]
    assert f["name"] == "linreg.py" and f["sha256"] == sha256(mine)
    assert sha256(built.out / f["path"]) == f["sha256"]  # the copy in the site
    assert entry["hints_used"] == {"general": 1}
    assert entry["solution_revealed_before_pass"] is False
    assert [c["outcome"] for c in entry["checks"]] == ["PASS"] * len(entry["checks"])
    assert len(entry["checks"]) >= 12
    verdicts = {v.exercise_id: v for v in verify_site(built.out)}
    assert verdicts["m03-linreg"].files_intact and verdicts["m03-linreg"].code_matches is True


def test_modified_after_pass_is_flagged_and_still_listed(built: Built) -> None:
    entry = next(e for e in manifest(built.out)["exercises"] if e["id"] == "m01-katas")
    assert entry["code_hash"] == built.katas_hash
    assert entry["matches"] is False and entry["status"] == "modified since it passed"
    katas = learner_path(built.ws, "m01-katas", "katas.py")
    assert entry["files"][0]["sha256"] == sha256(katas)  # the file as it is now
    assert entry["code_hash_now"] == code_hash(katas.parent, ["katas.py"])
    assert built.result.modified == ["m01-katas"]
    page = (built.out / "m01-katas" / "index.html").read_text(encoding="utf-8")
    assert "Modified since it passed." in page
    assert "modified since it passed" in (built.out / "index.html").read_text(encoding="utf-8")
    verdicts = {v.exercise_id: v for v in verify_site(built.out)}
    assert verdicts["m01-katas"].files_intact and verdicts["m01-katas"].code_matches is False


def test_verify_finds_a_changed_file(built: Built, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(built.out, copy)
    code = copy / "m03-linreg" / "code" / "linreg.py"
    code.write_text(code.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    (copy / "m03-linreg" / "figures" / "loss-curve.png").unlink()
    verdict = next(v for v in verify_site(copy) if v.exercise_id == "m03-linreg")
    assert not verdict.files_intact and verdict.code_matches is False
    assert any("linreg.py is changed" in p for p in verdict.problems)
    assert any("loss-curve.png is missing" in p for p in verdict.problems)


# -- self-contained ---------------------------------------------------------------------------


def test_no_network_resources(built: Built) -> None:
    remote = re.compile(r"^\s*(https?:)?//", re.I)
    for page in pages(built.out):
        for tag, attr, value in refs_of(page):
            if tag == "a" and attr == "href":
                continue  # a link the reader may follow: fine
            assert not remote.match(value), f"{page}: <{tag} {attr}={value!r}>"
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text.lower() and "@import" not in text
        assert "default-src 'none'" in text  # the CSP forbids anything else
    css = (built.out / "style.css").read_text(encoding="utf-8")
    assert "@import" not in css and not re.search(r"url\(\s*['\"]?(https?:)?//", css)


def test_every_local_link_resolves(built: Built) -> None:
    checked = 0
    for page in pages(built.out):
        for tag, attr, value in refs_of(page):
            parts = urlsplit(value)
            if parts.scheme in ("http", "https", "mailto") or not parts.path:
                continue  # the web, or an anchor on the same page
            assert not parts.scheme and not value.startswith("/"), f"{page}: {value}"
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{page}: <{tag} {attr}={value!r}> -> {target}"
            assert target.is_relative_to(built.out.resolve())
            checked += 1
    assert checked > 20
    for link in re.findall(r"\]\(([^)]+)\)", (built.out / "README.md").read_text()):
        assert (built.out / link).is_file(), link


def test_rebuild_replaces_the_site_and_touches_nothing_else(built: Built, tmp_path: Path) -> None:
    out = tmp_path / "site"
    neighbour = tmp_path / "keep.txt"
    neighbour.write_text("mine")
    build_portfolio(built.ws, out)
    (out / "stale.html").write_text("from an earlier build")
    first = manifest(out)["generated_at"]
    result = build_portfolio(built.ws, out)
    assert result.out == out
    assert not (out / "stale.html").exists()
    assert manifest(out)["generated_at"] != first
    assert (out / MARKER).is_file() and (out / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt", "site"]  # no leftovers
    assert neighbour.read_text() == "mine"


def test_default_folder_is_in_the_workspace(built: Built) -> None:
    result = build_portfolio(built.ws)
    assert result.out == built.ws.root / "portfolio"
    assert (built.ws.root / "portfolio" / "index.html").is_file()


def test_refuses_a_folder_it_did_not_build(built: Built, tmp_path: Path) -> None:
    mine = tmp_path / "documents"
    mine.mkdir()
    (mine / "thesis.txt").write_text("precious")
    with pytest.raises(AiroadmapError, match="holds no earlier portfolio build"):
        build_portfolio(built.ws, mine)
    assert (mine / "thesis.txt").read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents"]
    with pytest.raises(AiroadmapError, match="holds the workspace"):
        build_portfolio(built.ws, built.ws.root)
    file = tmp_path / "a-file"
    file.write_text("x")
    with pytest.raises(AiroadmapError, match="not a folder"):
        build_portfolio(built.ws, file)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build_portfolio(built.ws, empty).included  # an empty folder is fine


def test_failed_build_leaves_the_previous_site(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    build_portfolio(built.ws, out)
    before = (out / "index.html").read_text()

    def broken(*_a: object, **_k: object) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr("airoadmap.portfolio.site.readme", broken)
    with pytest.raises(RuntimeError):
        build_portfolio(built.ws, out)
    assert (out / "index.html").read_text() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_nothing_passed_gives_an_empty_portfolio(tmp_path: Path) -> None:
    from airoadmap.curriculum.loader import curriculum
    from airoadmap.workspace import Workspace

    Workspace.init(tmp_path / "ws", curriculum())
    ws = Workspace((tmp_path / "ws").resolve())
    result = build_portfolio(ws)
    assert result.included == []
    assert manifest(result.out)["exercises"] == []
    assert "Nothing has passed yet" in (result.out / "index.html").read_text()


def test_no_code_leaves_the_files_out_but_keeps_their_hashes(built: Built, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_portfolio(built.ws, out, include_code=False)
    assert not list(out.rglob("code"))
    entry = next(e for e in manifest(out)["exercises"] if e["id"] == "m03-linreg")
    assert entry["files"][0]["sha256"] and entry["files"][0]["path"] is None
    assert "<h2>Code</h2>" not in (out / "m03-linreg" / "index.html").read_text()
    assert all(v.code_matches is None and v.files_intact for v in verify_site(out))


def test_rebuild_without_an_atomic_exchange(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where renameat2 is missing (macOS, old libc), two renames replace the site."""
    monkeypatch.setattr("airoadmap.portfolio.site._exchange", lambda _a, _b: False)
    out = tmp_path / "site"
    build_portfolio(built.ws, out)
    (out / "stale.html").write_text("old")
    build_portfolio(built.ws, out)
    assert not (out / "stale.html").exists() and (out / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
