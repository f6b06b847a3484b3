"""The cleaning spec (TOML) as typed, validated data: a bad spec is one `file:line: what` line.

The format is the one the exercise's `cleaning.py` reads (see its brief); this module is the
strict reader the reference tool uses before it runs anything.

    missing = ["", "?", "n/a"]          # missing-value markers (case and spaces ignored)
    drop_duplicates = true

    [[columns]]
    name = "age"
    type = "float"                      # text | category | integer | float | date
    min = 0                             # numbers only: outside [min, max] is impossible
    max = 100
    outliers = { method = "iqr", k = 1.5 }
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from airoadmap.curriculum.loader import load_model

EXERCISE = "m01-cleaning"
ColumnType = Literal["text", "category", "integer", "float", "date"]
NUMERIC = ("integer", "float")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Outliers(_Strict):
    """How to flag outliers of a numeric column (flagged in `<name>_outlier`, never dropped)."""

    method: Literal["iqr", "zscore"]
    k: float = Field(default=1.5, gt=0, description="IQR multiple, or z-score threshold.")


class Column(_Strict):
    """One column of the clean data and the rules its values follow.

    Fields are declared in the order the validators read them: a later field's validator
    sees the earlier ones in `info.data`.
    """

    name: str = Field(min_length=1)
    type: ColumnType
    categories: list[str] | None = Field(default=None, min_length=1, validate_default=True)
    aliases: dict[str, str] | None = None
    formats: list[str] | None = Field(default=None, min_length=1, validate_default=True)
    min: float | None = None
    max: float | None = None
    outliers: Outliers | None = None

    @field_validator("categories")
    @classmethod
    def _categories_only_for_categories(
        cls, value: list[str] | None, info: ValidationInfo
    ) -> list[str] | None:
        kind = info.data.get("type")
        if kind is None:  # the type itself is wrong: that is the error to report
            return value
        if value is None and kind == "category":
            raise ValueError("a category column needs `categories = [...]`")
        if value is not None and kind != "category":
            raise ValueError(f"only a category column has categories, not a {kind} column")
        if value is not None and len({c.casefold() for c in value}) < len(value):
            raise ValueError("two categories differ only by case")
        return value

    @field_validator("aliases")
    @classmethod
    def _aliases_name_categories(
        cls, value: dict[str, str] | None, info: ValidationInfo
    ) -> dict[str, str] | None:
        if value is None or info.data.get("type") is None:
            return value
        categories = info.data.get("categories")
        if categories is None:
            raise ValueError("aliases need a category column with `categories`")
        unknown = sorted(target for target in value.values() if target not in categories)
        if unknown:
            raise ValueError(f"aliases map to {unknown}, which are not among {categories}")
        return value

    @field_validator("formats")
    @classmethod
    def _formats_for_dates(cls, value: list[str] | None, info: ValidationInfo) -> list[str] | None:
        kind = info.data.get("type")
        if kind is None:
            return value
        if value is None and kind == "date":
            raise ValueError("a date column needs `formats = [...]`, such as ['%Y-%m-%d']")
        if value is not None and kind != "date":
            raise ValueError(f"only a date column has formats, not a {kind} column")
        if value is not None and not all("%" in fmt for fmt in value):
            raise ValueError("each format needs strptime codes such as %Y, %m, %d")
        return value

    @field_validator("min", "max", "outliers")
    @classmethod
    def _numbers_only(cls, value: Any, info: ValidationInfo) -> Any:
        kind = info.data.get("type")
        if kind is not None and value is not None and kind not in NUMERIC:
            raise ValueError(f"only integer and float columns have {info.field_name}")
        if info.field_name == "max" and value is not None:
            low = info.data.get("min")
            if low is not None and value < low:
                raise ValueError(f"max {value:g} is below min {low:g}")
        return value


class CleaningSpec(_Strict):
    """A whole spec: missing-value markers, whether to drop duplicates, the columns."""

    missing: list[str] = Field(
        default_factory=lambda: ["", "?", "-", "na", "n/a", "nan", "null", "none", "unknown"]
    )
    drop_duplicates: bool = True
    columns: list[Column] = Field(min_length=1)

    @field_validator("columns")
    @classmethod
    def _unique_names(cls, value: list[Column]) -> list[Column]:
        names = [c.name for c in value]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"columns named twice: {twice}")
        flags = {f"{c.name}_outlier" for c in value if c.outliers} & set(names)
        if flags:
            raise ValueError(f"{sorted(flags)} would clash with an outlier flag column")
        return value

    def as_dict(self) -> dict[str, Any]:
        """The plain dict `cleaning.clean(df, spec)` takes (no None values)."""
        return self.model_dump(exclude_none=True)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def load_spec(path: Path) -> CleaningSpec:
    """Read and validate a spec; raises ContentError `file:line: what is wrong`."""
    return load_model(Path(path), CleaningSpec)


def titanic_spec_path() -> Path:
    """The spec of the messy Titanic, as the exercise's solution writes it (the learner's
    own under `airoadmap run m01-cleaning --mine`)."""
    from airoadmap.lab.reference import reference_file

    return reference_file(EXERCISE, "titanic.toml")


def titanic_spec() -> CleaningSpec:
    """The validated Titanic spec."""
    return load_spec(titanic_spec_path())
