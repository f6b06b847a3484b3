"""Alembic migrations of the progress database, shipped inside the package.

`airoadmap.progress.migrate` runs them; no alembic.ini is needed at run time.
"""
