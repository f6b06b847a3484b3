"""`python -m airoadmap.cli` runs the command line (as the `airoadmap` script does)."""

from airoadmap.cli.entry import main

main()
