"""What the checks of a "build a model" exercise share: running the learner's factory safely.

The learner writes a factory (`make_model()`, `make_classifier()`) that returns an unfitted
estimator; the checks fit it on training rows and score it on held-out rows they made
themselves. These helpers run the learner's code with the data set fenced off (see
`fence.py`), turn a read of the data set into a failure that says why it is wrong, and test
the factory's contract (an instance with fit and predict, not yet fitted).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from airoadmap.grading.api import Context, fail
from airoadmap.grading.kit import fence

T = TypeVar("T")


@dataclass(frozen=True)
class Task:
    """One exercise's setting: the learner's module and factory, the data set it must not read.

    rows: what a row of the data is called in messages ("passengers", "messages").
    """

    module: str
    factory: str
    dataset: str
    title: str
    rows: str

    @contextmanager
    def learner_code(self, what: str) -> Iterator[None]:
        """Run the learner's code with the data set out of reach; a read fails the check,
        even when the learner's code caught the refusal."""
        with fence.closed(self.dataset) as opened:
            try:
                yield
            except fence.DataFenceError:
                pass  # reported below, with what the code was doing
            finally:
                if opened:
                    fail(
                        f"{self.module}.py read the {self.title} data set itself ({opened[0]}) "
                        f"while {what}. A model must learn only from the X and y that fit "
                        f"receives: reading the data set brings in the held-out {self.rows}, "
                        "so any score it gets means nothing. Remove the load_frame / read_csv "
                        "call; statistics belong in fit, computed on the X it receives."
                    )

    def load(self, ctx: Context) -> Any:
        """The learner's module, imported with the data set fenced off."""
        module: Any = None
        with self.learner_code("being imported"):
            module = ctx.load(self.module)
        return module

    def make(self, ctx: Context) -> Any:
        """Call the learner's factory; the result must be an estimator with fit and predict."""
        factory = getattr(self.load(ctx), self.factory, None)
        if not callable(factory):
            fail(f"{self.module}.py defines no function {self.factory}(): keep the starter's name.")
        model: Any = None
        with self.learner_code(f"{self.factory}() ran"):
            model = factory()
        if isinstance(model, type):
            fail(
                f"{self.factory}() returned the class {model.__name__}, not a model: return "
                f"an instance, e.g. {model.__name__}(...)."
            )
        missing = [m for m in ("fit", "predict") if not callable(getattr(model, m, None))]
        if model is None or missing:
            nudge = " (Did you forget a return statement?)" if model is None else ""
            fail(
                f"{self.factory}() returned {type(model).__name__}, which has no "
                f"{' or '.join(missing)} method: return a scikit-learn estimator or "
                f"Pipeline.{nudge}"
            )
        return model

    def require_unfitted(self, model: Any, *, total: str) -> None:
        """Fail when the factory's model is already fitted (`total`: "all 1309 passengers")."""
        if is_fitted(model):
            fail(
                f"{self.factory}() returned a {type(model).__name__} that is already fitted. "
                f"Return it unfitted: the checks fit it on the training {self.rows} only. A "
                f"model fitted beforehand (on {total}, or loaded from a file) has seen the "
                f"held-out {self.rows} and their labels, so its held-out score would mean "
                "nothing."
            )


def is_fitted(model: Any) -> bool:
    """scikit-learn's check_is_fitted for its estimators; for any other class, the same
    convention: an attribute ending in "_" (learned in fit) means fitted."""
    from sklearn.base import BaseEstimator
    from sklearn.exceptions import NotFittedError
    from sklearn.utils.validation import check_is_fitted

    if isinstance(model, BaseEstimator):
        try:
            check_is_fitted(model)
        except NotFittedError:
            return False
        return True
    state = getattr(model, "__dict__", {})
    return any(k.endswith("_") and not k.startswith("__") for k in state)


_ONCE: dict[str, Any] = {}


def once(ctx: Context, key: str, compute: Callable[[], T]) -> T:
    """`compute()` once per check run (per Context): its value, or the same exception again.

    Several checks read the same fit (the model fitted on the training rows); fitting it
    once keeps the run fast, and a failure of that fit is reported by each check that needs
    it.
    """
    if _ONCE.get("ctx") is not ctx:
        _ONCE.clear()
        _ONCE["ctx"] = ctx
    if key not in _ONCE:
        try:
            _ONCE[key] = (True, compute())
        except BaseException as exc:
            _ONCE[key] = (False, exc)
    ok, value = _ONCE[key]
    if not ok:
        raise value
    return value
