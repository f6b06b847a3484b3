"""Reference project of m10-container: the m10-serve service's image, built and probed.

project.py: `run(run_dir)` (`airoadmap run m10-container`): where Podman or Docker works,
builds the solution's image (the learner's with --mine) around the m10-serve app and the
month-6 model, runs it with --network none and asks /health inside it; where none works,
says so in one line and records the run as skipped.
"""
