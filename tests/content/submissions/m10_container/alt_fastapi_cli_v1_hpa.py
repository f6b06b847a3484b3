"""Correct, differently: healthcheck.py on urllib with the status read from the error; the
image built with a bind-mounted requirements file (RUN --mount), `fastapi run` (which binds
0.0.0.0:8000 by default), the base's `nobody` user and a HEALTHCHECK that asks /health with
an inline Python; an autoscaling/v1 HPA and a port named `web`.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request
from collections.abc import Mapping

from tests.content.submissions.m10_container._files import write_file

DEFAULT_PORT = 8000
TIMEOUT_S = 2.0


def health_url(environ: Mapping[str, str]) -> str:
    port = environ["PORT"] if "PORT" in environ else str(DEFAULT_PORT)
    return f"http://127.0.0.1:{int(port)}/health"


def _status(url: str, timeout_s: float) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return error.code
    except (TimeoutError, urllib.error.URLError, ConnectionError):
        return None
    except Exception:  # an answer that is not HTTP
        return None


def healthy(url: str, timeout_s: float = TIMEOUT_S) -> bool:
    return _status(url, timeout_s) == 200


def main() -> int:
    return int(not healthy(health_url(os.environ)))


write_file(
    globals(),
    "Dockerfile",
    """\
FROM docker.io/library/python:3.13.1-alpine3.21
WORKDIR /app
RUN --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt \\
    pip install --no-cache-dir -r /tmp/requirements.txt
COPY --chown=root:root app.py healthcheck.py /app/
COPY model /app/model
ENV MODEL_URI /app/model
USER nobody
EXPOSE 8000/tcp
HEALTHCHECK CMD ["python", "-c", \\
    "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health', timeout=2)"]
CMD ["fastapi", "run", "app.py"]
""",
)
write_file(globals(), ".dockerignore", "**/.env\n.git/\n.venv/\n**/__pycache__\n")
write_file(
    globals(),
    "k8s/deployment.yaml",
    """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: titanic
  namespace: models
spec:
  replicas: 3
  selector:
    matchLabels:
      app: titanic
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 2
  template:
    metadata:
      labels:
        app: titanic
        version: "2.1.0"
    spec:
      containers:
        - name: titanic
          image: titanic:2.1.0
          ports:
            - name: web
              containerPort: 8000
              protocol: TCP
          resources:
            limits:
              memory: 1Gi
              cpu: 2
            requests:
              memory: 512Mi
              cpu: 500m
          readinessProbe:
            httpGet:
              path: /ready
              port: web
          livenessProbe:
            httpGet:
              path: /health
              port: web
            failureThreshold: 5
""",
)
write_file(
    globals(),
    "k8s/service.yaml",
    """\
apiVersion: v1
kind: Service
metadata:
  name: titanic
  namespace: models
spec:
  type: NodePort
  selector:
    app: titanic
  ports:
    - port: 80
      targetPort: web
""",
)
write_file(
    globals(),
    "k8s/hpa.yaml",
    """\
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  name: titanic
  namespace: models
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: titanic
  minReplicas: 2
  maxReplicas: 8
  targetCPUUtilizationPercentage: 75
""",
)

if __name__ == "__main__":
    sys.exit(main())
