"""The check kit: helpers that exercises' `checks.py` share, beyond `grading.api`.

- `estimator`: conformance of a learner's scikit-learn style class (init, fit, predict).
- `modelcheck`: running a learner's model factory with the data set fenced off.
- `fence`: refusing reads of a data set's files while the learner's code runs.
- `heldout`: the fixed held-out splits that model exercises are graded on.
- `service`: starting the learner's web app on a loopback port and stopping it.
- `servecontract`: month 10's HTTP contract of a model service (bad bodies, /metrics, schemathesis).
- `dockerfile`: the month-10 rules of a Dockerfile (base, user, layers, HEALTHCHECK, CMD, secrets).
- `workflow`: the month-11 rules of a GitHub Actions workflow (schema, lint/tests/build, pins).
- `needs`: a library the checks import on first use, or one line saying how to install it.

Content depends on the kit, never the other way round; the reference projects (`airoadmap.lab`)
depend on neither. Import the submodule a check needs: this package imports nothing itself.
"""
