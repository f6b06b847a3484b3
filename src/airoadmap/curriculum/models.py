"""The roadmap as typed data: phases, months, topics, tools, projects, exercises, hints.

Content lives in TOML files under `airoadmap/content/` (see docs/ARCHITECTURE.md, "Content
format"); `loader.py` reads them into these models, `validate.py` checks they fit together.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

FORMAT_VERSION = 1

ID_PATTERN = r"^m(0[1-9]|1[0-2])-[a-z0-9]+(-[a-z0-9]+)*$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Topic(_Model):
    """Something to learn this month, and why an AI engineer needs it."""

    name: str
    why: str = Field(description="Why it matters, in one or two sentences.")


class Tool(_Model):
    """A tool or library the month uses, and what for."""

    name: str
    use: str


class Project(_Model):
    """The month's project from the roadmap; `exercise` links the exercise that builds it."""

    title: str
    summary: str
    exercise: str | None = None


class KnowledgeCheck(_Model):
    """A "test your knowledge" task; `exercise` links the exercise that covers it, if any."""

    text: str
    exercise: str | None = None


class Extra(_Model):
    """A topic of the seeds beyond the core months (RL, CV, MLOps, cloud, ethics, career)."""

    id: str
    title: str
    summary: str
    points: list[str] = Field(default_factory=list)


TRACK_PATTERN = r"^[a-z][a-z0-9]*$"


class Track(_Model):
    """One specialization of a month that offers several (month 8: NLP, vision, generative AI,
    reinforcement learning); the learner picks one and the others stay optional."""

    id: str = Field(pattern=TRACK_PATTERN, description="Short name the learner types: 'nlp'.")
    title: str
    summary: str
    exercises: list[str] = Field(
        min_length=1, description="Ids of the track's exercises (written or planned), in order."
    )


class Month(_Model):
    """One month of the 12: goal, topics, tools, projects, knowledge checks, exercises."""

    number: int = Field(ge=1, le=12)
    slug: str = Field(pattern=r"^m(0[1-9]|1[0-2])-[a-z0-9-]+$", description="Workspace folder.")
    title: str
    phase: str
    goal: str
    topics: list[Topic] = Field(min_length=1)
    tools: list[Tool] = Field(min_length=1)
    projects: list[Project] = Field(min_length=1)
    knowledge: list[KnowledgeCheck] = Field(default_factory=list)
    extras: list[str] = Field(default_factory=list, description="Ids of extras taught here.")
    exercises: list[str] = Field(default_factory=list, description="Exercise ids, in order.")
    planned: list[str] = Field(
        default_factory=list, description="Ids of exercises announced but not written yet."
    )
    tracks: list[Track] = Field(
        default_factory=list,
        description="Specializations to choose from; an exercise in no track is for everyone.",
    )

    def track(self, track_id: str | None) -> Track | None:
        """The track `track_id`, else the first one (the default before a choice); None for a
        month without tracks."""
        if not self.tracks:
            return None
        return next((t for t in self.tracks if t.id == track_id), self.tracks[0])

    def counted(self, track_id: str | None = None) -> list[str]:
        """The exercises that count for this month's progress under the chosen track: those in
        no track and those of the chosen one (the first track before a choice), in order."""
        chosen = self.track(track_id)
        if chosen is None:
            return list(self.exercises)
        in_tracks = {e for t in self.tracks for e in t.exercises}
        mine = set(chosen.exercises)
        return [e for e in self.exercises if e not in in_tracks or e in mine]

    def track_of(self, exercise_id: str) -> Track | None:
        """The track an exercise belongs to, if any."""
        return next((t for t in self.tracks if exercise_id in t.exercises), None)


class Phase(_Model):
    """A quarter of the roadmap: months, goal, and the phase-level tools and checks."""

    id: str = Field(pattern=r"^p[1-4]$")
    number: int = Field(ge=1, le=4)
    title: str
    goal: str
    months: list[int] = Field(min_length=1)
    tools: list[Tool] = Field(default_factory=list)
    knowledge: list[KnowledgeCheck] = Field(default_factory=list)


class Roadmap(_Model):
    """The top file: phases, extras, and how to track progress and land a job."""

    format_version: int
    title: str
    summary: str
    hours_per_week: float = Field(gt=0, description="The pace the 12 months assume.")
    phases: list[Phase] = Field(min_length=1)
    extras: list[Extra] = Field(default_factory=list)


class HintGroup(_Model):
    """Hints for one part of an exercise, from a nudge (tier 1) to nearly the answer."""

    key: str = Field(description="Named by the checks' `hint=`; 'general' for the whole.")
    tiers: list[str] = Field(min_length=1)


class Limits(_Model):
    """Sandbox limits for one check run."""

    timeout_s: float = Field(default=20.0, gt=0, le=3600)
    memory_mb: int = Field(
        default=2048,
        ge=64,
        description="Memory the code may add once the checks are loaded (address space); in "
        "torch mode (threads or gpu set) the resident memory of the whole run, libraries included.",
    )
    processes: int = Field(default=0, ge=0, description="Child processes the code may start.")
    cpu_s: float | None = Field(
        default=None, gt=0, le=36000, description="CPU-time budget of the run (all threads)."
    )
    threads: int | None = Field(
        default=None, ge=1, description="Threads for BLAS/OpenMP/torch; None: the cores there are."
    )
    gpu: bool = Field(default=False, description="Whether CUDA devices are visible to the run.")


class Bar(_Model):
    """A metric's bar: exactly one of `at_least` (higher is better) or `at_most`."""

    at_least: float | None = None
    at_most: float | None = None
    why: str = Field(min_length=1, description="Why this bar, in one sentence.")

    @model_validator(mode="after")
    def _one_direction(self) -> Bar:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError("a bar sets exactly one of at_least or at_most")
        return self


class ReferenceProject(_Model):
    """The reference project `airoadmap run ID` executes on real data."""

    title: str
    entry: str = Field(
        pattern=r"^[\w.]+:\w+$", description="'module:function' taking the run folder."
    )
    headline: list[str] = Field(
        default_factory=list,
        description="Metrics `run` ends with: keys of the returned metrics ('holdout.f1' for "
        "a nested one), in order; default: its first top-level numbers.",
    )


class ExtraProject(ReferenceProject):
    """Another reference project of the same exercise, under its own id (the same code on
    another data set: `airoadmap run m07-cifar10`)."""

    id: str = Field(pattern=ID_PATTERN)


class ModelCardNotes(_Model):
    """What a portfolio model card cannot derive from data (all optional)."""

    model: bool | None = Field(default=None, description="Force a card on or off.")
    what: str = ""
    data: str = ""
    headline: list[str] = Field(default_factory=list)
    limitations: list[str] = Field(default_factory=list)
    ethics: list[str] = Field(default_factory=list)


class RubricItem(_Model):
    """One item of a graded rubric (the capstone): a check by its name and its weight."""

    check: str = Field(
        min_length=1, description="The check's name, as checks.py's @check gives it."
    )
    weight: float = Field(gt=0, description="Its share of the rubric's total.")


class Exercise(_Model):
    """One exercise: brief, learner files (starter and solution), checks, hints, limits."""

    id: str = Field(pattern=ID_PATTERN)
    month: int = Field(ge=1, le=12)
    title: str
    summary: str
    files: list[str] = Field(min_length=1, description="Files the learner edits.")
    checks: str = "checks.py"
    datasets: list[str] = Field(default_factory=list)
    hours: float = Field(default=4.0, gt=0, description="Estimated hours of work.")
    limits: Limits = Field(default_factory=Limits)
    hints: list[HintGroup] = Field(min_length=1)
    forbidden_imports: list[str] = Field(
        default_factory=list,
        description="Modules the learner's files may not import (from-scratch exercises).",
    )
    use_instead: str = Field(default="", description="What to use instead, e.g. 'NumPy'.")
    bars: dict[str, Bar] = Field(default_factory=dict, description="Metric name -> its bar.")
    project: ReferenceProject | None = None
    extra_projects: list[ExtraProject] = Field(
        default_factory=list,
        description="Reference projects by their own id, beside [project] or instead of it "
        "(a month's project that builds on this exercise: m09-optimize on m09-compress).",
    )
    model_card: ModelCardNotes | None = None
    rubric: list[RubricItem] = Field(
        default_factory=list,
        description="A rubric over the checks (m12-capstone): weights a teacher may change.",
    )


class Curriculum(_Model):
    """Everything loaded and validated: the roadmap, its months, its exercises."""

    roadmap: Roadmap
    months: list[Month]
    exercises: dict[str, Exercise]

    def month(self, number: int) -> Month:
        return next(m for m in self.months if m.number == number)

    def ordered_exercises(self) -> list[Exercise]:
        """Exercises in roadmap order (month by month, in each month's listed order)."""
        return [self.exercises[e] for m in self.months for e in m.exercises if e in self.exercises]
