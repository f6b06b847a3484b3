"""Sync: the local store is the queue. Offline attempts are sent later, each exactly once; a
resend or a sync cut off after its insert doubles nothing; `check` never fails offline."""

from __future__ import annotations

import fcntl
import shutil
import stat
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from airoadmap.checking import ENV_COHORT_SYNC, record_report, sync_cohort
from airoadmap.cohort import background, config, db, sync
from airoadmap.cohort.db import CohortError, CohortOffline
from airoadmap.results import GradeReport
from airoadmap.workspace import Workspace
from tests.cohort.memberkit import dead_url, make_ws, record, review, sent


def _point_at(ws: Workspace, url: str) -> None:
    """Rewrite cohort.toml's URL (as if the server moved, or the laptop lost the network)."""
    member = config.load(ws)
    parsed = make_url(url)
    bare = parsed._replace(password=None).render_as_string(hide_password=False)
    config.save(ws, config.Membership(**{**member.__dict__, "url": bare}), parsed.password)


@pytest.fixture(params=["sqlite", "postgresql"])
def learner_url(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    """(owner's URL, the learner's URL) of a new cohort with one learner."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'cohort.db'}"
        db.create(url)
        return url, url
    pg_url: str = request.getfixturevalue("pg_url")
    db.create(pg_url)
    member = db.add_member(pg_url, f"ada_{make_url(pg_url).database}")
    return pg_url, member.url


def test_offline_attempts_are_sent_once_when_the_server_is_back(
    learner_url: tuple[str, str], tmp_path: Path
) -> None:
    owner, url = learner_url
    ws = make_ws(tmp_path / "ws")
    member, _ = sync.join(ws, url, "ada" if url.startswith("sqlite") else None)
    first = [*record(ws, 2), review(ws)]
    assert sync.sync(ws) == sync.Sent(2, 1, member.learner, member.cohort_name)
    assert sync.sync(ws).attempts == 0  # nothing new: nothing sent

    _point_at(ws, dead_url("postgresql://ada:pw@127.0.0.1:1/x"))  # the network is gone
    offline = record(ws, 3, outcome="PASS")
    with pytest.raises(CohortOffline):
        sync.sync(ws)
    assert sync.auto_sync(ws) is None  # the check hook: no error, nothing sent
    assert sync.waiting(ws) == sync.Waiting(3, 0)
    assert config.load_state(ws).last_error

    _point_at(ws, url)  # back online
    assert sync.sync(ws).attempts == 3
    assert sent(owner, member.learner) == ([*first[:2], *offline], [first[2]])
    assert sync.waiting(ws) == sync.Waiting(0, 0) and config.load_state(ws).last_error is None


def test_a_sync_cut_off_after_its_insert_doubles_nothing_when_resent(
    learner_url: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner, url = learner_url
    ws = make_ws(tmp_path / "ws")
    member, _ = sync.join(ws, url, "ada" if url.startswith("sqlite") else None)
    ids = record(ws, 4)

    def cut_off(*_: object) -> None:
        raise KeyboardInterrupt  # e.g. Ctrl-C once the insert is committed

    with monkeypatch.context() as patch:
        patch.setattr(config, "save_state", cut_off)
        with pytest.raises(KeyboardInterrupt):
            sync.sync(ws)
    assert sync.waiting(ws).attempts == 4  # nothing local says they were sent
    # The resend cannot know what went in (as if it read before the other committed):
    # it sends all four again, and the unique key turns each into nothing.
    monkeypatch.setattr(sync, "sent_rows", lambda *_: (set(), set()))
    assert sync.sync(ws).attempts == 0
    assert sent(owner, member.learner) == (ids, [])


def test_a_check_records_locally_and_syncs_best_effort(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_COHORT_SYNC, "inline")  # the hook's work, done before it returns
    db.create(pg_url)
    url = db.add_member(pg_url, f"bo_{make_url(pg_url).database}").url
    ws = make_ws(tmp_path / "ws")
    member, _ = sync.join(ws, url)
    report = GradeReport(exercise_id="m01-katas", outcome="FAIL", summary="1 of 14 failed")

    _point_at(ws, dead_url(url))
    offline_id = record_report(ws, report)  # no error while the cohort is unreachable
    assert "cannot be reached" in (config.load_state(ws).last_error or "")
    _point_at(ws, url)
    online_id = record_report(ws, report)
    assert sent(pg_url, member.learner) == ([offline_id, online_id], [])


def test_rejoining_keeps_the_workspace_uid_and_the_password_is_kept_apart(
    pg_url: str, tmp_path: Path
) -> None:
    db.create(pg_url)
    url = db.add_member(pg_url, f"cy_{make_url(pg_url).database}").url
    ws = make_ws(tmp_path / "ws")
    first, _ = sync.join(ws, url)
    record(ws, 1)
    sync.sync(ws)
    again, _ = sync.join(ws, url)
    assert again.workspace_uid == first.workspace_uid
    assert sync.sync(ws).attempts == 0  # not resent under a new uid
    password = make_url(url).password or ""
    assert password and password not in config.path(ws).read_text()
    secret = ws.meta_dir / config.SECRET
    assert secret.read_text().strip() == password
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600


def test_not_joined_or_damaged_settings_are_one_line(tmp_path: Path) -> None:
    ws = make_ws(tmp_path / "ws")
    with pytest.raises(CohortError, match="has joined no cohort"):
        sync.sync(ws)
    assert sync.auto_sync(ws) is None
    config.path(ws).write_text("url = \n")
    with pytest.raises(CohortError, match="is damaged"):
        sync.sync(ws)
    with pytest.raises(CohortError, match="--learner NAME"):
        sync.join(ws, f"sqlite:///{tmp_path / 'c.db'}")


def test_a_cohort_made_anew_at_the_same_url_is_not_mixed_up(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cohort.db'}"
    db.create(url)
    ws = make_ws(tmp_path / "ws")
    sync.join(ws, url, "ada")
    (tmp_path / "cohort.db").unlink()
    db.create(url)  # another cohort (another id) where the old one was
    record(ws, 1)
    with pytest.raises(CohortError, match="another cohort"):
        sync.sync(ws)
    assert sent(url) == ([], [])


def test_a_restored_progress_database_loses_nothing_and_doubles_nothing(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'cohort.db'}"
    db.create(url)
    ws = make_ws(tmp_path / "ws")
    first, _ = sync.join(ws, url, "ada")
    record(ws, 2)
    shutil.copy(ws.db_path, tmp_path / "copy.db")  # a daily copy (the store is closed)
    record(ws, 1)
    assert sync.sync(ws).attempts == 3
    shutil.copy(tmp_path / "copy.db", ws.db_path)  # `progress restore`: the third is gone
    assert record(ws, 1) == [3]  # a new attempt under the id the lost one had
    again = sync.sync(ws)
    assert (again.attempts, again.renewed_uid) == (1, True)
    assert config.load(ws).workspace_uid != first.workspace_uid
    assert sent(url, "ada") == ([1, 2, 3, 3], [])  # both third attempts, each once
    assert sync.sync(ws) == sync.Sent(0, 0, "ada", first.cohort_name)


def test_after_a_check_a_detached_process_syncs(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cohort.db'}"
    db.create(url)
    ws = make_ws(tmp_path / "ws")
    sync.join(ws, url, "ada")
    ids = record(ws, 2)
    procs = [sync_cohort(ws) for _ in range(4)]  # e.g. `check --all`: one process a check
    assert all(p is not None and p.wait() == 0 for p in procs)
    assert sent(url, "ada") == (ids, [])
    assert sync_cohort(make_ws(tmp_path / "alone")) is None  # joined nothing: no process


def test_a_sync_wanted_while_another_runs_is_done_by_the_one_running(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cohort.db'}"
    db.create(url)
    ws = make_ws(tmp_path / "ws")
    sync.join(ws, url, "ada")
    ids = record(ws, 1)
    with open(ws.meta_dir / background.LOCK, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as if a sync were running
        proc = sync_cohort(ws)
        assert proc is not None and proc.wait() == 0  # it ended without waiting for the lock
        assert (ws.meta_dir / background.WANTED).exists()  # ... leaving its wish
        assert sent(url, "ada") == ([], [])
    background.run(ws.root)  # the next one to hold the lock does the wanted sync
    assert sent(url, "ada") == (ids, [])
    assert not (ws.meta_dir / background.WANTED).exists()
