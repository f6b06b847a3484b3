"""Which exercises cannot be graded here because a data set they declare has no offline
provider installed (the Debian package dataset-fashion-mnist, say): their tests skip with
the command that installs it, instead of failing on a machine without it."""

from __future__ import annotations

from functools import cache


@cache
def missing_data(exercise_id: str) -> str | None:
    """Why the exercise's data sets cannot be read offline here, or None when they can."""
    from airoadmap import datasets as ds
    from airoadmap.curriculum.loader import curriculum
    from airoadmap.datasets._store import provider_files

    for name in curriculum().exercises[exercise_id].datasets:
        spec = ds.get_spec(name)
        if spec.providers and not any(provider_files(p) is not None for p in spec.providers):
            commands = " or ".join(p.install_command for p in spec.providers)
            return f"{exercise_id} needs {name}, whose offline provider is missing ({commands})"
    return None
