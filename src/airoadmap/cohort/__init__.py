"""Cohorts: a class of learners sharing one database (PostgreSQL, or SQLite on one machine),
batch grading over Dask, and what the instructor view reads."""
