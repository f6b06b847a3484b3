"""The `airoadmap` script: `check` by its quick path when it applies, else the Typer app.

This module imports nothing but the standard library before it knows which: `check [ID]
[--verbose]` goes to `fastcheck.run` (no Typer, no pydantic), everything else (and a check
the quick path declines) to `cli.app.main`.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Entry point: the quick `check` when it applies, else the full command line."""
    if sys.argv[1:2] == ["check"]:
        try:
            from airoadmap.cli.fastcheck import run

            status = run(sys.argv[2:])
        except KeyboardInterrupt:
            sys.stderr.write("interrupted\n")
            sys.exit(130)
        except Exception as exc:  # as the full CLI's last line of defence
            if os.environ.get("AIROADMAP_DEBUG"):
                raise
            sys.stderr.write(
                f"error: internal error ({type(exc).__name__}: {exc}). "
                "Run again with AIROADMAP_DEBUG=1 for details and report it.\n"
            )
            sys.exit(70)
        if status is not None:
            sys.exit(status)
    from airoadmap.cli.app import main as full

    full()
