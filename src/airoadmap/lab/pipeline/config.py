"""The pipeline's config file (TOML) as a typed model: every setting of a run in one place.

Paths in the file (a CSV to read, the tracking folder) are relative to the file itself. A
mistake in the file stops the run before any work with `file:line: what is wrong`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from airoadmap.lab.pipeline.schema import SCHEMAS

CONFIGS = Path(__file__).parent / "configs"
DEFAULT_CONFIG = CONFIGS / "titanic.toml"
REFERENCE = ("m06-pipeline", "pipeline")  # the exercise's solution: the model code


@cache
def reference() -> Any:
    """The m06-pipeline reference solution (build_pipeline, data_hash, score, log_run)."""
    from airoadmap.lab.reference import reference_module

    return reference_module(*REFERENCE)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DataConfig(_Model):
    """Where the rows come from and which column is the label."""

    dataset: str | None = Field(
        default=None, description="A registered data set (`airoadmap data list`)."
    )
    csv: Path | None = Field(
        default=None, description="Or a CSV file, relative to the config file."
    )
    expectations: str = Field(
        default="titanic", description="The pandera schema the data must meet."
    )
    target: str
    drop: list[str] = Field(default_factory=list, description="Columns removed after validation.")

    @model_validator(mode="after")
    def _one_source(self) -> DataConfig:
        if (self.dataset is None) == (self.csv is None):
            raise ValueError("give exactly one of `dataset` (a registered name) or `csv` (a file)")
        return self

    @field_validator("expectations")
    @classmethod
    def _known_schema(cls, value: str) -> str:
        if value not in SCHEMAS:
            raise ValueError(f"unknown expectations {value!r}: use one of {sorted(SCHEMAS)}")
        return value


class SplitConfig(_Model):
    """Shares of all rows held out: `valid` compares runs, `test` is scored for the record."""

    valid_size: float = Field(default=0.2, gt=0, lt=1)
    test_size: float = Field(default=0.2, gt=0, lt=1)
    stratify: bool = True

    @model_validator(mode="after")
    def _room_to_train(self) -> SplitConfig:
        if self.valid_size + self.test_size > 0.8:
            raise ValueError("valid_size + test_size must leave at least 20% of rows to train")
        return self


class FeaturesConfig(_Model):
    """The columns the model reads: numbers are imputed and scaled, categories one-hot."""

    numeric: list[str] = Field(default_factory=list)
    categorical: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _some_disjoint(self) -> FeaturesConfig:
        if not self.numeric and not self.categorical:
            raise ValueError("name at least one numeric or categorical feature")
        both = sorted(set(self.numeric) & set(self.categorical))
        if both:
            raise ValueError(f"{both} listed as both numeric and categorical")
        return self


class EvaluateConfig(_Model):
    """The metric that ranks runs (higher is better) and the bar a model must clear."""

    metric: Literal["accuracy", "f1", "roc_auc"] = "roc_auc"
    min_score: float = Field(
        default=0.0, ge=0, le=1, description="Below it, nothing is registered."
    )


class TrackingConfig(_Model):
    """The MLflow experiment, the registered model and the alias of the best run."""

    experiment: str = Field(min_length=1)
    registered_model: str = Field(min_length=1)
    alias: str = Field(default="champion", pattern=r"^[A-Za-z][\w-]*$")
    store: Path | None = Field(
        default=None, description="Tracking folder, relative to the config file."
    )


class Candidate(_Model):
    """One model to train: each candidate is one tracked run."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    kind: str
    params: dict[str, Any] = Field(default_factory=dict)

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        kinds = sorted(reference().MODELS)
        if value not in kinds:
            raise ValueError(f"unknown model kind {value!r}: use one of {kinds}")
        return value


class PipelineConfig(_Model):
    """A whole pipeline run."""

    name: str = Field(min_length=1)
    seed: int = Field(default=0, ge=0, description="Seeds the split and every model.")
    data: DataConfig
    split: SplitConfig = SplitConfig()
    features: FeaturesConfig
    evaluate: EvaluateConfig = EvaluateConfig()
    tracking: TrackingConfig
    candidates: list[Candidate] = Field(min_length=1)
    _path: Path | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _consistent(self) -> PipelineConfig:
        names = [c.name for c in self.candidates]
        if len(set(names)) != len(names):
            raise ValueError(f"candidate names must differ: {names}")
        used = {*self.features.numeric, *self.features.categorical}
        if self.data.target in used:
            raise ValueError(f"the target {self.data.target!r} is also a feature")
        dropped = sorted(used & set(self.data.drop))
        if dropped:
            raise ValueError(f"features {dropped} are also in data.drop")
        return self

    @property
    def path(self) -> Path | None:
        """The file this config was read from (None when built in code)."""
        return self._path

    def resolve(self, relative: Path) -> Path:
        """A path of the file, relative to the file's folder."""
        base = self._path.parent if self._path is not None else Path.cwd()
        return relative if relative.is_absolute() else (base / relative).resolve()

    def features_list(self) -> list[str]:
        return [*self.features.numeric, *self.features.categorical]

    def candidate_config(self, candidate: Candidate) -> dict[str, Any]:
        """The plain dict the exercise's functions take (build_pipeline, log_run)."""
        return {
            "seed": self.seed,
            "features": {
                "numeric": list(self.features.numeric),
                "categorical": list(self.features.categorical),
            },
            "model": {"kind": candidate.kind, "params": dict(candidate.params)},
            "evaluate": {"metric": self.evaluate.metric},
            "tracking": {"experiment": self.tracking.experiment},
        }


def load_config(path: Path | None = None) -> PipelineConfig:
    """Read and check a config file (the packaged Titanic config by default)."""
    from airoadmap.curriculum.loader import load_model

    path = (path or DEFAULT_CONFIG).expanduser().resolve()
    config = load_model(path, PipelineConfig)
    config._path = path
    return config
