"""The reference cleaning tool: messy data made reproducibly, spec errors, the round trip."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from airoadmap.errors import AiroadmapError, ContentError
from airoadmap.lab.cleaning import messify, project
from airoadmap.lab.cleaning.__main__ import main as cli
from airoadmap.lab.cleaning.compare import column_agreement, overall
from airoadmap.lab.cleaning.messify import Messy, clean_titanic, make_messy, resample
from airoadmap.lab.cleaning.spec import load_spec, titanic_spec, titanic_spec_path
from airoadmap.lab.cleaning.tool import clean_file, clean_frame, rules


@pytest.fixture(scope="module")
def clean() -> pd.DataFrame:
    return messify.titanic_clean()


def _through_tool(messy: Messy, tmp_path: Path) -> tuple[pd.DataFrame, dict]:
    """Write the messy frame as CSV, clean it with the tool from a spec file, read it back."""
    csv, spec = tmp_path / "messy.csv", tmp_path / "spec.toml"
    messy.frame.to_csv(csv, index=False)
    spec.write_text(_toml(messy.spec))
    report = clean_file(csv, spec, tmp_path / "clean.parquet", tmp_path / "report.json")
    return pd.read_parquet(tmp_path / "clean.parquet"), report


def _toml(spec: dict) -> str:
    """A spec dict as TOML (enough for the specs of these tests)."""

    def value(v: object) -> str:
        if isinstance(v, dict):
            return "{ " + ", ".join(f'"{k}" = {value(x)}' for k, x in v.items()) + " }"
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        if isinstance(v, bool):
            return "true" if v else "false"
        return json.dumps(v)

    lines = [f"{key} = {value(spec[key])}" for key in ("missing", "drop_duplicates") if key in spec]
    for column in spec["columns"]:
        lines += ["", "[[columns]]"] + [f"{k} = {value(v)}" for k, v in column.items()]
    return "\n".join(lines) + "\n"


# --- the clean reference and the mess ------------------------------------------------------


def test_clean_titanic_is_typed_and_has_ticket_dates(clean: pd.DataFrame) -> None:
    assert len(clean) == 1309
    assert [c["name"] for c in titanic_spec().as_dict()["columns"]] == list(clean.columns)
    assert str(clean["pclass"].dtype) == "Int64" and str(clean["fare"].dtype) == "float64"
    assert not clean["name"].str.contains("  ").any()
    # The same ticket was bought on the same day, up to 89 days before the sailing.
    assert clean.groupby("ticket")["ticket_date"].nunique().max() == 1
    days = (pd.Timestamp("1912-04-10") - clean["ticket_date"]).dt.days
    assert days.between(0, 89).all() and days.nunique() > 60


def test_make_messy_is_reproducible(clean: pd.DataFrame) -> None:
    a, b, c = make_messy(clean, 3), make_messy(clean, 3), make_messy(clean, 4)
    pd.testing.assert_frame_equal(a.frame, b.frame)
    pd.testing.assert_frame_equal(a.expected, b.expected)
    assert a.injected == b.injected and a.duplicates == b.duplicates
    assert not a.frame.equals(c.frame)
    assert a.frame.map(type).eq(str).all().all(), "every messy cell is text"


def test_make_messy_hits_every_fault(clean: pd.DataFrame) -> None:
    messy = make_messy(clean, 2024)
    assert len(messy.frame) == len(clean) + messy.duplicates and messy.duplicates == 26
    injected = messy.injected
    assert injected["missing"]["cabin"] >= 1014  # every missing value, copies included
    assert min(injected["impossible"].values()) >= 20
    assert injected["category"]["sex"] > 0 and injected["date"]["ticket_date"] > 400
    assert injected["number"]["fare"] > 0 and injected["text"]["name"] > 0
    # Impossible cells are missing in the expected frame, and only those.
    assert (
        messy.expected["age"].isna().sum()
        == clean["age"].isna().sum() + injected["impossible"]["age"]
    )
    # A copy's source row never holds an impossible value.
    copies = pd.Series(messy.source_rows).duplicated(keep=False).to_numpy()
    for name in ("age", "fare", "pclass"):
        text = messy.frame.loc[copies, name]
        numbers = pd.to_numeric(text, errors="coerce")
        assert not (numbers < 0).any()


@pytest.mark.parametrize("seed", [0, 1, 7, 2024])
def test_the_reference_rules_undo_exactly_what_was_injected(
    clean: pd.DataFrame, seed: int, tmp_path: Path
) -> None:
    messy = make_messy(clean, seed)
    cleaned, report = _through_tool(messy, tmp_path)
    expected = messy.expected_output()
    assert overall(column_agreement(cleaned, expected)) == 1.0
    truth = messy.expected_report()
    assert project.nonzero(report["cells"]) == project.nonzero(truth["cells"])
    assert report["rows_dropped"] == truth["rows_dropped"]
    assert (report["rows_in"], report["rows_out"]) == (truth["rows_in"], truth["rows_out"])


def test_make_messy_follows_any_spec() -> None:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "city": pd.Series(rng.choice(["Paris", "Rome", None], size=300), dtype="str"),
            "kind": pd.Series(rng.choice(["A", "B"], size=300), dtype="str"),
            "score": rng.normal(50, 10, size=300).round(2),
            "note": pd.Series([f"row {i}" for i in range(300)], dtype="str"),
        }
    )
    spec = {
        "missing": ["", "n/a"],
        "columns": [
            {"name": "city", "type": "category", "categories": ["Paris", "Rome"]},
            {"name": "kind", "type": "category", "categories": ["A", "B"], "aliases": {"x": "A"}},
            {
                "name": "score",
                "type": "float",
                "min": 0,
                "outliers": {"method": "zscore", "k": 2.0},
            },
        ],
    }
    messy = make_messy(frame, 5, spec)
    assert set(messy.frame["note"]) == set(frame["note"])  # not in the spec: left alone
    cleaned, report = rules().clean(
        pd.read_csv(_csv(messy), dtype=str, keep_default_na=False), spec
    )
    assert overall(column_agreement(cleaned, messy.expected_output())) == 1.0
    assert project.nonzero(report["cells"]) == project.nonzero(messy.expected_report()["cells"])


def _csv(messy: Messy) -> Path:
    import tempfile

    path = Path(tempfile.mkdtemp()) / "m.csv"
    messy.frame.to_csv(path, index=False)
    return path


def test_resample_gives_distinct_rows(clean: pd.DataFrame) -> None:
    big = resample(clean, 5000, seed=1)
    assert len(big) == 5000 and big["passenger_id"].is_unique
    assert not big.duplicated().any()
    assert resample(clean, 50, seed=1).equals(resample(clean, 50, seed=1))


def test_clean_titanic_drops_the_leaky_columns() -> None:
    raw = pd.DataFrame(
        {
            "pclass": [1],
            "survived": [1],
            "name": [" A  B "],
            "sex": ["male"],
            "age": [3.0],
            "sibsp": [0],
            "parch": [0],
            "ticket": ["113781"],
            "fare": [1.5],
            "cabin": [None],
            "embarked": ["S"],
            "boat": ["11"],
            "body": [np.nan],
            "home_dest": ["X"],
        }
    )
    out = clean_titanic(raw)
    assert "boat" not in out.columns and "body" not in out.columns
    assert out.loc[0, "name"] == "A B" and list(out.columns).index("ticket_date") == 8


# --- the spec ------------------------------------------------------------------------------


def _spec_error(tmp_path: Path, text: str) -> str:
    path = tmp_path / "spec.toml"
    path.write_text(text)
    with pytest.raises(ContentError) as info:
        load_spec(path)
    message = str(info.value)
    assert message.startswith(f"{path}:") and "\n" not in message
    return message.removeprefix(f"{path}:")


BASE = '[[columns]]\nname = "age"\ntype = "float"\n\n[[columns]]\nname = "sex"\n'


@pytest.mark.parametrize(
    ("tail", "line", "phrase"),
    [
        ('type = "categry"\n', 7, "Input should be"),
        ('type = "category"\n', 5, "needs `categories"),
        ('type = "category"\ncategories = ["f"]\naliases = { m = "male" }\n', 9, "not among"),
        ('type = "category"\ncategries = ["f"]\n', 8, "unknown field"),
        ('type = "text"\nmin = 3\n', 8, "only integer and float"),
        ('type = "date"\nformats = ["Y-m-d"]\n', 8, "strptime codes"),
        ('type = "text"\noutliers = { method = "mad" }\n', 8, "'iqr' or 'zscore'"),
    ],
)
def test_a_bad_spec_is_one_line_with_its_line(
    tmp_path: Path, tail: str, line: int, phrase: str
) -> None:
    message = _spec_error(tmp_path, BASE + tail)
    assert message.startswith(f"{line}:"), message
    assert phrase in message, message


def test_spec_errors_in_numbers_and_names(tmp_path: Path) -> None:
    message = _spec_error(tmp_path, '[[columns]]\nname = "a"\ntype = "float"\nmin = 5\nmax = 1\n')
    assert message.startswith("5:") and "below min" in message
    message = _spec_error(
        tmp_path, BASE + 'type = "text"\n\n[[columns]]\nname = "age"\ntype = "text"\n'
    )
    assert "named twice" in message
    message = _spec_error(tmp_path, "missing = [\n")
    assert "invalid TOML" in message
    message = _spec_error(tmp_path, 'missing = ["?"]\n')
    assert "columns" in message and "required" in message


def test_the_titanic_spec_is_valid_and_the_solutions_reader_agrees() -> None:
    spec = titanic_spec()
    assert spec.column("fare").outliers is not None
    assert rules().load_spec(titanic_spec_path()) == tomllib_load(titanic_spec_path())


def tomllib_load(path: Path) -> dict:
    import tomllib

    with open(path, "rb") as f:
        return tomllib.load(f)


# --- the tool ------------------------------------------------------------------------------


def test_tool_round_trip_on_a_small_frame(tmp_path: Path) -> None:
    csv = tmp_path / "in.csv"
    csv.write_text(
        "id,name,kind,price,day\n"
        "1, Ann  Lee ,Cat,£4.50,2020-01-31\n"
        '2,Bob,dog,"1,200",31/01/2020\n'
        "2,Bob ,DOG,1200,2020-01-31\n"
        "3,?,bird,-1,N/A\n"
    )
    spec = tmp_path / "spec.toml"
    spec.write_text(
        'missing = ["?", "n/a"]\n\n[[columns]]\nname = "name"\ntype = "text"\n\n'
        '[[columns]]\nname = "kind"\ntype = "category"\ncategories = ["cat", "dog"]\n\n'
        '[[columns]]\nname = "price"\ntype = "float"\nmin = 0\n\n'
        '[[columns]]\nname = "day"\ntype = "date"\nformats = ["%Y-%m-%d", "%d/%m/%Y"]\n'
    )
    report = clean_file(csv, spec, tmp_path / "out" / "clean.parquet", tmp_path / "report.json")
    out = pd.read_parquet(tmp_path / "out" / "clean.parquet")
    assert out["name"].tolist()[:2] == ["Ann Lee", "Bob"] and pd.isna(out["name"].iloc[2])
    assert out["price"].tolist()[:2] == [4.5, 1200.0] and pd.isna(out["price"].iloc[2])
    assert out["id"].tolist() == ["1", "2", "3"]  # not in the spec: kept as text
    assert report["rows_dropped"] == {"duplicates": 1}
    assert report["cells"]["invalid"]["kind"] == 1 and report["cells"]["impossible"]["price"] == 1
    on_disk = json.loads((tmp_path / "report.json").read_text())
    assert on_disk["cells"] == report["cells"] and on_disk["seconds"]["total"] >= 0
    assert not list(tmp_path.glob("**/.*.tmp")), "no temporary file is left behind"


def test_tool_errors_are_one_line(tmp_path: Path) -> None:
    spec = tmp_path / "spec.toml"
    spec.write_text(
        '[[columns]]\nname = "age"\ntype = "float"\n\n[[columns]]\nname = "fare"\ntype = "float"\n'
    )
    with pytest.raises(AiroadmapError, match="no such file"):
        clean_file(tmp_path / "nope.csv", spec, tmp_path / "o.parquet")
    csv = tmp_path / "in.csv"
    csv.write_text("age\n3\n")
    with pytest.raises(AiroadmapError) as info:
        clean_file(csv, spec, tmp_path / "o.parquet")
    assert str(info.value).startswith(f"{spec}:6: column 'fare' is not in {csv}")
    assert not (tmp_path / "o.parquet").exists()


def test_clean_frame_uses_the_solution_rules(clean: pd.DataFrame) -> None:
    messy = make_messy(clean.head(200).reset_index(drop=True), 11)
    frame = messy.frame.astype(str)
    out, report = clean_frame(frame, titanic_spec())
    assert report["rows_out"] == 200 and list(out.columns)[-2:] == ["age_outlier", "fare_outlier"]


def test_column_agreement_counts_cells() -> None:
    expected = pd.DataFrame(
        {
            "n": [1.0, np.nan, 3.0, 4.0],
            "t": ["a", None, "c", "d"],
            "d": pd.to_datetime(["2020-01-01", None, "2020-01-03", "2020-01-04"]),
        }
    )
    actual = pd.DataFrame(
        {
            "n": ["1", None, "3.5", "4"],
            "t": pd.Categorical(["a", None, "c", "x"]),
            "d": ["2020-01-01", None, "03/01/2020", "2020-01-04"],
        }
    )
    agreement = column_agreement(actual, expected)
    assert agreement == {"n": 0.75, "t": 0.75, "d": 0.75}
    assert column_agreement(actual.drop(columns="t"), expected)["t"] == 0.0
    with pytest.raises(ValueError, match="3 rows to compare with 4"):
        column_agreement(actual.head(3), expected)


# --- the project and the command line ------------------------------------------------------


def test_project_run_on_a_sample(
    clean: pd.DataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = clean.sample(300, random_state=0).reset_index(drop=True)
    monkeypatch.setattr(messify, "titanic_clean", lambda: sample)
    metrics = project.run(tmp_path)
    for name in ("messy.csv", "titanic.toml", "clean.parquet", "report.json", "report.md"):
        assert (tmp_path / name).is_file(), name
    for name in ("changes_per_rule.png", "agreement.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert metrics["agreement"] == 1.0 and metrics["report_matches_injected"] is True
    assert metrics["agreement_before"] < 0.95
    assert metrics["rows_in"] == 306 and metrics["rows_out"] == 300
    assert metrics["cells_per_rule"]["date"] > 0
    json.dumps(metrics)  # what the caller saves as metrics.json
    assert "| rows out | 300 |" in (tmp_path / "report.md").read_text()


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv, spec = tmp_path / "m.csv", tmp_path / "t.toml"
    assert cli(["messify", str(csv), "--seed", "3", "--rows", "400", "--spec", str(spec)]) == 0
    assert len(pd.read_csv(csv, dtype=str)) == 408 and spec.read_text().startswith("# Cleaning")
    assert cli(["clean", str(csv), str(spec), str(tmp_path / "c.parquet")]) == 0
    assert len(pd.read_parquet(tmp_path / "c.parquet")) == 400
    assert cli(["clean", str(tmp_path / "none.csv"), str(spec), str(tmp_path / "c.parquet")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
