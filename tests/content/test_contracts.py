"""Every contract table (tests/content/submissions/*/contract.toml) holds: each row's wrong
submission FAILs exactly the row's check, and the table covers every check and every held-back
wrong submission of its exercise. See tests/content/contracts.py for the table's keys.
"""

from __future__ import annotations

import pytest

from tests.content.contracts import Contract, Row, contract_ids, load
from tests.content.test_submissions import check_names, parse

pytestmark = pytest.mark.usefixtures("one_thread")

CONTRACTS = [load(exercise_id) for exercise_id in contract_ids()]


def graded_elsewhere(contract: Contract, row: Row) -> bool:
    """Whether the row is its wrong submission's own declaration (the whole file, the check its
    docstring names): tests/content/test_submissions.py grades exactly that already."""
    declared = parse(contract.exercise_id, contract.folder / f"{row.wrong}.py").fails
    return not row.only and row.check == declared


ROWS = [(c, row) for c in CONTRACTS for row in c.rows if not graded_elsewhere(c, row)]


def test_the_from_scratch_exercises_have_a_table() -> None:
    assert {c.exercise_id for c in CONTRACTS} >= {
        "m03-gradients", "m03-linreg", "m04-metrics", "m05-kmeans", "m05-pca"
    }  # fmt: skip


@pytest.mark.parametrize(
    ("contract", "row"),
    ROWS,
    ids=[f"{c.exercise_id}/{row.check}-{row.wrong}-{c.rows.index(row)}" for c, row in ROWS],
)
def test_row_fails_its_check(contract: Contract, row: Row) -> None:
    """The rows that test_submission_gets_its_verdict does not grade already (a restricted
    submission, or a check other than the one the file declares)."""
    verdict = contract.run(row).checks[row.check]
    assert verdict.outcome == "FAIL", f"{row}: {verdict.outcome} {verdict.message}"


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.exercise_id)
def test_table_covers_every_check_and_every_wrong_submission(contract: Contract) -> None:
    """Every check (from_scratch too, where the exercise forbids imports) has a row, and every
    wrong_*.py of the folder is some row's submission."""
    checks = check_names(contract.exercise_id)
    named = {row.check for row in contract.rows}
    assert named - checks == set(), "rows name no check of the exercise"
    assert checks - named == set(), "checks in no row"
    wrong_files = {p.stem for p in contract.folder.glob("wrong_*.py")}
    listed = {row.wrong for row in contract.rows}
    assert listed - wrong_files == set(), "rows name no wrong_*.py of the folder"
    assert wrong_files - listed == set(), "wrong submissions in no row"


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.exercise_id)
def test_each_wrong_submission_declares_a_check_of_its_rows(contract: Contract) -> None:
    """The `Fails:` check of a wrong submission's docstring is the check of one of its rows
    (a few mistakes are caught by more checks than the one they declare: those rows say so)."""
    by_wrong: dict[str, set[str]] = {}
    for row in contract.rows:
        by_wrong.setdefault(row.wrong, set()).add(row.check)
    for wrong, checks in sorted(by_wrong.items()):
        declared = parse(contract.exercise_id, contract.folder / f"{wrong}.py").fails
        assert declared in checks, f"{wrong} declares 'Fails: {declared}', its rows {checks}"


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.exercise_id)
def test_rows_are_well_formed(contract: Contract) -> None:
    """A point and its options in words, no row twice, `only` a Python expression (built by the
    folder's _only.py), `function` only with `only`."""
    assert contract.rows
    assert len(set(contract.rows)) == len(contract.rows), "a row stands twice"
    for row in contract.rows:
        assert row.point.strip() and row.options.strip(), row
        assert row.only or not row.function, row
        if row.only:
            compile(row.only, "only", "eval")
            assert (contract.folder / "_only.py").is_file(), row
