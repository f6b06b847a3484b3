"""Cohorts: the cohort database, sync, batch grading."""
