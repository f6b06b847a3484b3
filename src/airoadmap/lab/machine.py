"""What machine a run or a benchmark ran on, for model cards and results files."""

from __future__ import annotations

import platform
from pathlib import Path


def cpu_name() -> str:
    """The CPU's model name ('AMD EPYC'), or the machine type when it is not known."""
    info = Path("/proc/cpuinfo")
    try:
        for line in info.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "CPU"
