"""Correct, differently: healthcheck.py on http.client; a multi-stage image (a virtual
environment built in one stage, copied into the next), a numeric user, gunicorn with uvicorn
workers on port 8080, an allow-list .dockerignore; manifests with numeric ports, plain
`app` labels and a Service on the same port.
"""

from __future__ import annotations

import http.client
import os
import sys
import urllib.parse
from collections.abc import Mapping

from tests.content.submissions.m10_container._files import write_file

DEFAULT_PORT = 8000
TIMEOUT_S = 2.0


def health_url(environ: Mapping[str, str]) -> str:
    return "http://localhost:{}/health".format(environ.get("PORT") or DEFAULT_PORT)


def healthy(url: str, timeout_s: float = TIMEOUT_S) -> bool:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=timeout_s)
    try:
        connection.request("GET", parts.path or "/")
        return connection.getresponse().status == 200
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()


def main() -> int:
    return 0 if healthy(health_url(os.environ)) else 1


write_file(
    globals(),
    "Dockerfile",
    """\
FROM python:3.12-slim AS build
WORKDIR /build
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY requirements.txt constraints.txt ./
RUN pip install --no-cache-dir -r requirements.txt -c constraints.txt gunicorn==23.0.0

FROM python:3.12-slim
ENV PATH=/opt/venv/bin:$PATH PORT=8080
COPY --from=build /opt/venv /opt/venv
WORKDIR /srv
COPY . .
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=15s CMD python healthcheck.py || exit 1
ENTRYPOINT ["gunicorn", "app:app", "--worker-class", "uvicorn.workers.UvicornWorker"]
CMD ["--bind", "0.0.0.0:8080", "--workers", "2"]
""",
)
write_file(
    globals(),
    ".dockerignore",
    """\
# Only what the image needs.
*
!app.py
!healthcheck.py
!model/
!requirements.txt
!constraints.txt
""",
)
write_file(
    globals(),
    "k8s/deployment.yaml",
    """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: serve
spec:
  selector:
    matchLabels: {app: serve}
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 25%, maxUnavailable: 0%}
  template:
    metadata:
      labels: {app: serve, tier: api}
    spec:
      containers:
        - name: api
          image: r.io/s@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945
          ports: [{containerPort: 8080}]
          resources:
            requests: {cpu: "0.5", memory: 300M}
            limits: {cpu: "0.5", memory: 300M}
          livenessProbe: {httpGet: {path: /health, port: 8080}, periodSeconds: 20}
          readinessProbe: {httpGet: {path: /ready, port: 8080}}
""",
)
write_file(
    globals(),
    "k8s/service.yaml",
    """\
apiVersion: v1
kind: Service
metadata: {name: serve}
spec:
  selector: {app: serve}
  ports: [{port: 8080}]
""",
)
write_file(
    globals(),
    "k8s/hpa.yaml",
    """\
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: serve}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: serve}
  minReplicas: 3
  maxReplicas: 6
  metrics:
    - type: Resource
      resource: {name: memory, target: {type: Utilization, averageUtilization: 80}}
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 60}}
""",
)

if __name__ == "__main__":
    sys.exit(main())
