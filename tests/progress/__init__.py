"""Tests of the progress store, its migrations, export/import and the schedule."""
