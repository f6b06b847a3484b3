"""Which torch device a run trains on, with how many threads and in which precision.

`choose_device("auto")` picks the first CUDA GPU when torch sees one, else the CPU with one
thread per core this process may use. Precision: bfloat16 autocast on a GPU, and on a CPU
whose instruction set multiplies bfloat16 natively (AVX512-BF16 or AMX; on this project's
2-core AMD EPYC machine it trains ~1.7x faster); float32 elsewhere, where emulated bfloat16
would be slower. `airoadmap doctor` shows the same choice (`describe`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from airoadmap.errors import AiroadmapError
from airoadmap.lab.machine import cpu_name

if TYPE_CHECKING:
    import torch

DEVICES = ("auto", "cpu", "cuda")
PRECISIONS = ("auto", "bf16", "fp32")
Precision = Literal["bf16", "fp32"]


@dataclass(frozen=True)
class DeviceChoice:
    """Where a run trains: "cuda" or "cpu", the chip's name, CPU threads, precision."""

    kind: Literal["cpu", "cuda"]
    name: str
    threads: int
    precision: Precision

    @property
    def torch_device(self) -> torch.device:
        import torch

        return torch.device("cuda", 0) if self.kind == "cuda" else torch.device("cpu")

    def summary(self) -> str:
        """'cpu (AMD EPYC, 2 threads, bf16)' or 'cuda (NVIDIA H100 80GB HBM3, bf16)'."""
        if self.kind == "cuda":
            return f"cuda ({self.name}, {self.precision})"
        return f"cpu ({self.name}, {threads(self.threads)}, {self.precision})"


def threads(n: int) -> str:
    """'1 thread', '2 threads'."""
    return f"{n} thread" if n == 1 else f"{n} threads"


def available_cores() -> int:
    """The CPU cores this process may run on (its affinity mask), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def cpu_has_native_bf16() -> bool:
    """True when the CPU multiplies bfloat16 in hardware (x86 AVX512-BF16 or AMX-BF16) and
    torch's oneDNN kernels can use it."""
    info = Path("/proc/cpuinfo")
    if not info.is_file():
        return False
    flags: set[str] = set()
    for line in info.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("flags"):
            flags = set(line.split(":", 1)[1].split())
            break
    if not flags & {"avx512_bf16", "amx_bf16"}:
        return False
    import torch

    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


def choose_device(device: str = "auto", precision: str = "auto") -> DeviceChoice:
    """The device a run uses for `--device` (auto, cpu, cuda) and `precision` (auto, bf16,
    fp32). Asking for cuda where torch sees no GPU is one clear error, not a silent CPU run."""
    import torch

    if device not in DEVICES:
        raise AiroadmapError(f"--device {device!r} is not a device: use one of auto, cpu, cuda.")
    if precision not in PRECISIONS:
        raise AiroadmapError(f"precision {precision!r}: use one of auto, bf16, fp32.")
    has_cuda = torch.cuda.is_available()
    if device == "cuda" and not has_cuda:
        build = torch.__version__
        why = "a CPU-only build" if torch.version.cuda is None else "no GPU is visible"
        raise AiroadmapError(
            f"--device cuda: torch {build} sees no CUDA GPU ({why}); "
            "use --device cpu, or --device auto to take a GPU when there is one."
        )
    if device == "cuda" or (device == "auto" and has_cuda):
        chosen: Precision = "fp32" if precision == "fp32" else "bf16"
        if chosen == "bf16" and not torch.cuda.is_bf16_supported():
            chosen = "fp32"
        return DeviceChoice("cuda", torch.cuda.get_device_name(0), available_cores(), chosen)
    if precision == "auto":
        chosen = "bf16" if cpu_has_native_bf16() else "fp32"
    else:
        chosen = "bf16" if precision == "bf16" else "fp32"
    return DeviceChoice("cpu", cpu_name(), available_cores(), chosen)


@contextmanager
def torch_threads(threads: int) -> Iterator[None]:
    """Run the block with `threads` intra-op threads, then restore the previous count."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(before)


@contextmanager
def autocast(choice: DeviceChoice) -> Iterator[None]:
    """bfloat16 autocast on `choice`'s device when its precision is bf16; else nothing.

    The cast weights are not cached (`cache_enabled=False`): the cache lives as long as the
    outermost autocast block, and a block around a whole training loop would keep using
    the weights of its first step.
    """
    import torch

    if choice.precision != "bf16":
        yield
        return
    with torch.autocast(choice.kind, dtype=torch.bfloat16, cache_enabled=False):
        yield


def describe(device: str = "auto") -> str:
    """What `airoadmap run` would train on here, in one line (for `airoadmap doctor`)."""
    return choose_device(device).summary()
