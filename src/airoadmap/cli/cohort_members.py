"""Placeholder until its helper writes it: registers no command yet."""

from __future__ import annotations

import typer


def register(cohort_app: typer.Typer) -> None:
    """Add this module's commands to `airoadmap cohort`."""
