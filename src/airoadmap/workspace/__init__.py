"""The learner's workspace: folders, starter files, backups."""

from airoadmap.workspace.workspace import InitReport, Workspace

__all__ = ["InitReport", "Workspace"]
