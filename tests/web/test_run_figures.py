"""The run page shows every image of a run (issue 8, item 10).

m04-titanic's report.md names its figures in backticks (`confusion_matrices.png`) without
embedding them; the page used to count them as "shown by the report" and left all three out.
"""

from __future__ import annotations

import re
from collections import Counter

from fastapi.testclient import TestClient

from airoadmap.web.markdown import render_markdown
from airoadmap.workspace import Workspace

from .conftest import png

PROJECT = "m04-titanic"
NAME = "20260102-030405"
REPORT = """# Titanic survival: four models compared

Figures: `confusion_matrices.png` and `roc_curves.png` (out-of-fold predictions).
Scored once on the held-out passengers (`holdout_confusion.png`), see also
[the calibration plot](plots/calibration.png).

![Learning curve](plots/learning%20curve.png)
"""


def make_titanic_run(ws: Workspace) -> None:
    """A run folder shaped like m04-titanic's, with more images in a subfolder."""
    run = ws.runs_dir / PROJECT / NAME
    (run / "plots").mkdir(parents=True)
    for name in ("confusion_matrices.png", "roc_curves.png", "holdout_confusion.png"):
        (run / name).write_bytes(png())
    (run / "plots" / "calibration.png").write_bytes(png(20, 20))
    (run / "plots" / "learning curve.png").write_bytes(png(30, 10))
    (run / "report.md").write_text(REPORT, encoding="utf-8")
    (run / "leaderboard.md").write_text("| model | accuracy |\n|---|---|\n| tree | 0.82 |\n")
    (run / "metrics.json").write_text('{"holdout_accuracy": 0.821}\n', encoding="utf-8")


def image_sources(html: str) -> Counter[str]:
    return Counter(re.findall(r'<img src="([^"]+)"', html))


def test_every_image_of_a_run_is_shown_once(workspace: Workspace, client: TestClient) -> None:
    make_titanic_run(workspace)
    html = client.get(f"/runs/{PROJECT}/{NAME}").text
    base = f"/artifacts/{PROJECT}/{NAME}/"
    wanted = [
        "confusion_matrices.png",
        "roc_curves.png",
        "holdout_confusion.png",
        "plots/calibration.png",  # only linked from the report
        "plots/learning%20curve.png",  # embedded by the report, in a subfolder
    ]
    shown = image_sources(html)
    assert shown == Counter(base + name for name in wanted), shown
    assert "5 figures" not in html and "4 figures" in html  # the jump link to the others
    assert "8 files" in html


def test_each_image_the_report_embeds_is_not_repeated(
    workspace: Workspace, client: TestClient
) -> None:
    run = workspace.runs_dir / PROJECT / NAME
    run.mkdir(parents=True)
    (run / "roc_curves.png").write_bytes(png())
    (run / "report.md").write_text("![ROC](./roc_curves.png)\n\n`roc_curves.png`\n")
    html = client.get(f"/runs/{PROJECT}/{NAME}").text
    assert image_sources(html) == Counter({f"/artifacts/{PROJECT}/{NAME}/./roc_curves.png": 1})
    assert 'id="figures"' not in html


def test_render_markdown_lists_the_images_it_shows() -> None:
    images: list[str] = []
    render_markdown(
        "![a](a.png) [b](b.png) `c.png` ![d](https://example.org/d.png)",
        base_url="/x/",
        images=images,
    )
    assert images == ["/x/a.png", "https://example.org/d.png"]
