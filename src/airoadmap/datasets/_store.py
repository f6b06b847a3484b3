"""Finding a data set's files: local folder -> cache -> offline providers -> download.

The cache is `<user cache dir>/datasets/<name>/<filename>` (platformdirs, app "airoadmap";
the environment variable AIROADMAP_CACHE_DIR replaces the user cache dir). Writing to it is
a convenience: where it is not writable (a grader sandbox), files are read in place.
AIROADMAP_OFFLINE=1 turns downloads off.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from airoadmap.datasets._registry import REGISTRY, REQUIRES_SHA256, get_spec
from airoadmap.datasets._spec import (
    DataFile,
    DatasetSpec,
    DatasetStatus,
    FileCheck,
    Provider,
    Source,
    VerifyResult,
)
from airoadmap.errors import DatasetError

CACHE_ENV = "AIROADMAP_CACHE_DIR"
OFFLINE_ENV = "AIROADMAP_OFFLINE"
DOWNLOAD_TIMEOUT_S = 60.0
_CHUNK = 1 << 20


# --- where things are ------------------------------------------------------------------


def cache_dir() -> Path:
    """The root of airoadmap's cache (data sets live under `datasets/`)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("airoadmap", appauthor=False))


def dataset_dir(name: str) -> Path:
    """The cache folder of one data set (it may not exist yet)."""
    return cache_dir() / "datasets" / get_spec(name).name


def offline() -> bool:
    """True when downloads are turned off (AIROADMAP_OFFLINE=1)."""
    return os.environ.get(OFFLINE_ENV, "").strip().lower() in ("1", "true", "yes")


def provider_folder(provider: Provider) -> Path | None:
    """The folder a provider's `paths` are relative to, or None when it is not installed.

    A pip package is found with `importlib.util.find_spec`, which does not import it.
    """
    if provider.kind == "apt":
        return Path(provider.root) if provider.root else None
    if not provider.module:
        return None
    try:
        found = importlib.util.find_spec(provider.module)
    except (ImportError, ValueError):
        return None
    if found is None or not found.submodule_search_locations:
        return None
    return Path(next(iter(found.submodule_search_locations)))


def provider_files(provider: Provider) -> dict[str, Path] | None:
    """Each file the provider ships, or None when any of them is not there."""
    folder = provider_folder(provider)
    if folder is None:
        return None
    paths = {name: folder / rel for name, rel in provider.paths.items()}
    return paths if all(p.is_file() for p in paths.values()) else None


def _cached_files(spec: DatasetSpec) -> dict[str, Path] | None:
    folder = dataset_dir(spec.name)
    paths = {f.filename: folder / f.filename for f in spec.files}
    return paths if all(p.is_file() for p in paths.values()) else None


def _local_folder(spec: DatasetSpec) -> Path | None:
    if not spec.local_dir_env:
        return None
    value = os.environ.get(spec.local_dir_env, "").strip()
    if not value:
        return None
    folder = Path(value).expanduser()
    if not folder.is_dir():
        raise DatasetError(f"{spec.local_dir_env}={value} is not a folder (data set {spec.name}).")
    return folder


def _local_files(spec: DatasetSpec, folder: Path) -> dict[str, Path]:
    # A file of the data set in the folder is used as it is; otherwise the reader gets the
    # folder itself (for CIFAR-10: the extracted cifar-10-batches-py).
    return {
        f.filename: folder / f.filename if (folder / f.filename).is_file() else folder
        for f in spec.files
    }


# --- digests ---------------------------------------------------------------------------


def file_digest(path: Path, algorithm: str = "sha256") -> str:
    """The hex digest of a file, read in chunks."""
    h = hashlib.new(algorithm, usedforsecurity=False)
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def check_file(spec: DatasetSpec, filename: str, path: Path) -> FileCheck:
    """Compare one file with every digest registered for it.

    A file passes when any registered digest matches: the canonical sha256 or md5, or a
    provider's own sha256 (a cache may hold either the downloaded or the packaged bytes).
    """
    digests = spec.digests(filename)
    failed: FileCheck | None = None
    for algorithm in ("sha256", "md5"):
        expected = tuple(sorted(d for a, d in digests if a == algorithm))
        if not expected:
            continue
        actual = file_digest(path, algorithm)
        if actual in expected:
            return FileCheck(filename, path, algorithm, expected, actual, True)
        failed = failed or FileCheck(filename, path, algorithm, expected, actual, False)
    return failed or FileCheck(filename, path, None, (), None, None)


class _Mismatch(Exception):
    """A file failed its digest (carried as the reason a source was skipped)."""


def _require_good(spec: DatasetSpec, paths: Mapping[str, Path], fix: str) -> None:
    """Raise _Mismatch (whose text ends with `fix`) unless every file passes its check."""
    for filename, path in paths.items():
        if not path.is_file():
            continue  # a local folder handed to the reader as it is
        result = check_file(spec, filename, path)
        if result.ok is False and result.actual:
            raise _Mismatch(
                f"{path} fails its {result.algorithm} check (got {result.actual[:12]}…, "
                f"expected {result.expected[0][:12]}…); {fix}"
            )
        if result.ok is None and spec.name in REQUIRES_SHA256:
            raise _Mismatch(f"{path} has no registered sha256 and is never read unverified")


def _reinstall(provider: Provider) -> str:
    if provider.kind == "apt":
        return f"the registry knows {provider.package} {provider.version}: reinstall it"
    return f"the registry knows {provider.package} {provider.version}: " + (
        f"`pip install {provider.package}=={provider.version}`"
    )


# --- writing the cache -----------------------------------------------------------------


@contextlib.contextmanager
def _atomic_target(target: Path) -> Iterator[IO[bytes]]:
    """A temporary file beside `target` that replaces it only if the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _copy_into_cache(spec: DatasetSpec, paths: Mapping[str, Path]) -> dict[str, Path] | None:
    """Copy files into the cache; None when the cache cannot be written."""
    folder = dataset_dir(spec.name)
    copied: dict[str, Path] = {}
    try:
        for filename, src in paths.items():
            target = folder / filename
            with _atomic_target(target) as out, src.open("rb") as fh:
                shutil.copyfileobj(fh, out, _CHUNK)
            copied[filename] = target
    except OSError:
        return None
    return copied


def writable(folder: Path) -> bool:
    """True when files can be created in `folder` (made if missing); tried, not guessed."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError:
        return False
    return True


# --- downloading -----------------------------------------------------------------------


def _urlopen(url: str, timeout: float) -> Any:
    """Open a URL (tests replace this to serve bytes without a network)."""
    import urllib.request

    if not url.startswith(("https://", "http://", "file://")):
        raise DatasetError(f"Refusing to download from {url}: only http(s) and file URLs.")
    return urllib.request.urlopen(url, timeout=timeout)  # scheme checked above


def _progress(show: bool) -> Any:
    """A rich download bar on stderr, shown only on a terminal."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    console = Console(stderr=True)
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not (show and console.is_terminal),
    )


def download_file(
    spec: DatasetSpec, file: DataFile, target: Path, *, show_progress: bool = True
) -> Path:
    """Download one file to `target` (atomically), verifying its digest on the way."""
    if not file.url:
        raise DatasetError(f"{spec.name}: {file.filename} has no download URL.")
    digests = spec.digests(file.filename)
    algorithms = sorted({a for a, _ in digests})
    hashers = {a: hashlib.new(a, usedforsecurity=False) for a in algorithms}
    with contextlib.ExitStack() as stack:
        response = stack.enter_context(_urlopen(file.url, DOWNLOAD_TIMEOUT_S))
        length = response.headers.get("Content-Length") if hasattr(response, "headers") else None
        total = int(length) if length and str(length).isdigit() else file.size
        progress = stack.enter_context(_progress(show_progress))
        task = progress.add_task(f"{spec.name}: {file.filename}", total=total)
        out = stack.enter_context(_atomic_target(target))
        while chunk := response.read(_CHUNK):
            out.write(chunk)
            for h in hashers.values():
                h.update(chunk)
            progress.advance(task, len(chunk))
        got = {(a, h.hexdigest()) for a, h in hashers.items()}
        if digests and not (got & digests):
            shown = ", ".join(f"{a} {d[:12]}…" for a, d in sorted(got))
            raise DatasetError(
                f"The download of {spec.name} ({file.url}) fails its checksum (got {shown}); "
                "the file was not kept."
            )
        if spec.name in REQUIRES_SHA256 and "sha256" not in hashers:
            raise DatasetError(f"{spec.name}: no sha256 registered; the download was not kept.")
    return target


def _download_all(spec: DatasetSpec, folder: Path, *, show_progress: bool) -> dict[str, Path]:
    return {
        f.filename: download_file(spec, f, folder / f.filename, show_progress=show_progress)
        for f in spec.files
    }


def _network_reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or exc
    return " ".join(f"{type(exc).__name__}: {reason}".split())


# --- resolving -------------------------------------------------------------------------


@dataclass
class Resolved:
    """The files of a data set, where they came from, and what was skipped on the way."""

    source: Source
    paths: dict[str, Path]
    skipped: list[str] = field(default_factory=list)
    temp: tempfile.TemporaryDirectory[str] | None = None

    def close(self) -> None:
        """Remove a temporary download folder, if any."""
        if self.temp is not None:
            self.temp.cleanup()
            self.temp = None


def _unavailable(spec: DatasetSpec, problems: list[str]) -> DatasetError:
    hint = spec.install_hint(dataset_dir(spec.name))
    mismatch = [p for p in problems if "fails its" in p or "unverified" in p]
    if mismatch:
        return DatasetError(f"Data set '{spec.name}': {mismatch[0]}.")
    why = f" ({problems[-1]})" if problems else ""
    return DatasetError(f"Data set '{spec.name}' is not available offline{why}: {hint}.")


def resolve(
    spec: DatasetSpec,
    *,
    use_cache: bool = True,
    allow_download: bool = True,
    show_progress: bool = True,
) -> Resolved:
    """Find every file of `spec`: local folder, cache, providers, then download.

    Files from a provider are copied into the cache when `use_cache` and the cache is
    writable; otherwise they are read in place. A download goes to the cache, or to a
    temporary folder (removed by `Resolved.close`) when the cache is not writable.
    """
    problems: list[str] = []

    folder = _local_folder(spec)
    if folder is not None:
        paths = _local_files(spec, folder)
        try:
            _require_good(spec, paths, "replace it with the published file")
            return Resolved("local", paths)
        except _Mismatch as exc:
            problems.append(str(exc))

    if use_cache:
        cached = _cached_files(spec)
        if cached is not None:
            try:
                _require_good(spec, cached, "delete it and load again")
                return Resolved("cache", cached)
            except _Mismatch as exc:
                problems.append(str(exc))

    for provider in spec.providers:
        found = provider_files(provider)
        if found is None:
            problems.append(f"`{provider.install_command}` not done")
            continue
        try:
            _require_good(spec, found, _reinstall(provider))
        except _Mismatch as exc:
            problems.append(str(exc))
            continue
        copied = _copy_into_cache(spec, found) if use_cache else None
        return Resolved("provider", copied or found, problems)

    urls = all(f.url for f in spec.files)
    if not urls:
        problems.append("no download URL")
    elif not allow_download or offline():
        problems.append("downloads are off")
    else:
        temp: tempfile.TemporaryDirectory[str] | None = None
        target = dataset_dir(spec.name)
        try:
            if not (use_cache and writable(target)):
                temp = tempfile.TemporaryDirectory(prefix=f"airoadmap-{spec.name}-")
                target = Path(temp.name)
            return Resolved(
                "download",
                _download_all(spec, target, show_progress=show_progress),
                problems,
                temp,
            )
        except DatasetError:
            if temp is not None:
                temp.cleanup()
            raise
        except OSError as exc:  # URLError, timeouts and HTTP errors are OSErrors
            if temp is not None:
                temp.cleanup()
            problems.append(f"download failed: {_network_reason(exc)}")

    raise _unavailable(spec, problems)


# --- the public operations -------------------------------------------------------------


def load(
    name: str,
    *,
    split: str | None = None,
    cache: bool = True,
    download: bool = True,
    progress: bool = True,
) -> Any:
    """Load a registered data set (see `get_spec(name).returns` for what comes back)."""
    spec = get_spec(name)
    if split is not None and split not in spec.splits:
        offered = ", ".join(repr(s) for s in spec.splits) if spec.splits else "none"
        raise DatasetError(
            f"Data set '{spec.name}' has no split {split!r} (official splits: {offered})."
        )
    resolved = resolve(spec, use_cache=cache, allow_download=download, show_progress=progress)
    try:
        return spec.reader(resolved.paths, split)
    finally:
        resolved.close()


def fetch(name: str, *, force: bool = False, progress: bool = True) -> Path:
    """Put a data set's files into the cache, from a provider or the network.

    Returns the folder that holds them: the data set's cache folder, or the local folder
    named by its environment variable (AIROADMAP_CIFAR10_DIR), which is used in place.
    `force` deletes the cached copy first.
    """
    spec = get_spec(name)
    folder = dataset_dir(spec.name)
    if not writable(folder):
        raise DatasetError(
            f"Cannot write the data cache {folder}; set {CACHE_ENV} to a writable folder."
        )
    if force:
        for f in spec.files:
            with contextlib.suppress(FileNotFoundError):
                (folder / f.filename).unlink()
    resolved = resolve(spec, use_cache=True, show_progress=progress)
    try:
        if resolved.source == "local":
            if not all(p.is_file() for p in resolved.paths.values()):
                return next(iter(resolved.paths.values()))  # an extracted folder, in place
            _copy_into_cache(spec, resolved.paths)
        elif resolved.source == "provider" and _cached_files(spec) is None:
            raise DatasetError(f"Could not copy {spec.name} into the data cache {folder}.")
    finally:
        resolved.close()
    return folder


def verify(name: str) -> VerifyResult:
    """Check the files `load` would read now against their registered digests.

    Nothing is copied or downloaded. A local CIFAR-10 folder is checked batch by batch.
    """
    spec = get_spec(name)
    folder = _local_folder(spec)
    if folder is not None:
        return VerifyResult(spec.name, "local", tuple(_check_local(spec, folder)))
    cached = _cached_files(spec)
    if cached is not None:
        checks = tuple(check_file(spec, fn, p) for fn, p in cached.items())
        return VerifyResult(spec.name, "cache", checks)
    for provider in spec.providers:
        found = provider_files(provider)
        if found is not None:
            checks = tuple(check_file(spec, fn, p) for fn, p in found.items())
            return VerifyResult(spec.name, "provider", checks)
    raise _unavailable(spec, ["nothing to verify on this machine"])


def _check_local(spec: DatasetSpec, folder: Path) -> list[FileCheck]:
    checks: list[FileCheck] = []
    for filename, path in _local_files(spec, folder).items():
        if path.is_file():
            checks.append(check_file(spec, filename, path))
            continue
        inner = path / "cifar-10-batches-py"
        base = inner if inner.is_dir() else path
        for member, md5 in spec.member_md5.items():
            p = base / member
            actual = file_digest(p, "md5") if p.is_file() else None
            checks.append(FileCheck(member, p, "md5", (md5,), actual, actual == md5))
    return checks


def status(name: str) -> DatasetStatus:
    """Where a data set is available now; reads no data and hashes nothing."""
    spec = get_spec(name)
    hint = spec.install_hint(dataset_dir(spec.name))

    def make(source: Any, location: str | None) -> DatasetStatus:
        return DatasetStatus(
            spec.name, spec.title, spec.shape, source, location, hint, spec.offline_step
        )

    try:
        folder = _local_folder(spec)
    except DatasetError:
        folder = None
    if folder is not None:
        return make("local", str(folder))
    if _cached_files(spec) is not None:
        return make("cache", str(dataset_dir(spec.name)))
    for provider in spec.providers:
        if provider_files(provider) is not None:
            return make("provider", provider.package)
    if all(f.url for f in spec.files):
        return make("download", spec.files[0].url)
    return make("missing", None)


def list_datasets() -> list[DatasetStatus]:
    """Every registered data set with where it is available now."""
    return [status(name) for name in REGISTRY]
