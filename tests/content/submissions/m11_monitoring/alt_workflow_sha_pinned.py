"""Correct, written differently: a workflow on `workflow_dispatch` and tags too, actions
pinned by commit sha, flake8 and unittest, the image built by docker/build-push-action, the
deploy waiting for the tests directly; the loop is the solution with a stricter min_gain.
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m11_monitoring._workflow import write_workflow

SHA_CHECKOUT = "11bd71901bbe5b1630ceea73d27597364c9af683"
SHA_PYTHON = "0b93645e9fea7318ecaed2b359559ac225c90a2b"
SHA_BUILD = "4f58ea79222b3b9dc2c8bbdd6debcef730109a75"

write_workflow(
    globals(),
    f"""name: Service CI/CD
"on":
  push:
    branches: [main]
    tags: ["v*"]
  workflow_dispatch: {{}}

jobs:
  checks:
    name: Lint and test
    runs-on: ubuntu-22.04
    steps:
      - uses: actions/checkout@{SHA_CHECKOUT}
      - uses: actions/setup-python@{SHA_PYTHON}
        with:
          python-version: "3.11"
      - run: python -m pip install flake8 -r requirements.txt
      - run: flake8 --max-line-length 100 .
      - run: python -m unittest discover -s tests
  image:
    runs-on: ubuntu-22.04
    needs: checks
    steps:
      - uses: actions/checkout@{SHA_CHECKOUT}
      - uses: docker/build-push-action@{SHA_BUILD}
        with:
          push: false
          tags: service:latest
  release-to-cluster:
    runs-on: ubuntu-22.04
    needs: [checks, image]
    steps:
      - run: echo "kubectl apply -f k8s/ would run here"
""",
)
run_solution(
    "m11-monitoring",
    globals(),
    replace=[("    min_gain: float = 0.01", "    min_gain: float = 0.02")],
)
