"""The reference data-cleaning tool of month 1 (exercise m01-cleaning).

A declarative spec (TOML) says what clean data look like; the tool takes a messy CSV to a
clean Parquet file and a JSON report of every change (cells per rule and column, rows
dropped). The modules, one job each:

- `spec.py`: the spec as validated pydantic models (`file:line: what` on a bad spec);
- `messify.py`: the clean Titanic, and a seeded messy copy of it with the truth about it;
- `tool.py`: the tool itself, running the rules of the exercise's reference solution;
- `compare.py`: cell agreement of a cleaned table with the known clean one;
- `project.py`: `airoadmap run m01-cleaning` (artifacts and metrics);
- `__main__.py`: `python -m airoadmap.lab.cleaning messify|clean ...`.

The rules themselves live in one place, the exercise's solution `cleaning.py`, which learners
read and copy; the tool loads it (`tool.rules()`) instead of keeping a second copy.
"""
