"""One service in its own process, for the benchmark: uvicorn on 127.0.0.1.

    python -m airoadmap.lab.serve.server VARIANT MODEL_FOLDER PORT

VARIANT is one of VARIANTS: "solution" (the m10-serve exercise's app, whose file is named
by the environment variable APP_FILE, on the MLflow model in MODEL_FOLDER/mlflow, under
uvicorn), "naive" (naive.py under uvicorn), "onnx" (fast.py's ASGI app
without batching, under uvicorn), "batched" (the same with batching) or "protocol" (fast.py's
own asyncio server, batching). Each stops on SIGTERM after the requests in flight are answered.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

VARIANTS = ("solution", "naive", "onnx", "batched", "protocol")
APP_FILE = "APP_FILE"  # the environment variable naming the solution's app.py


def make_app(variant: str, folder: Path) -> Any:
    """The ASGI app of `variant` for the model folder `folder`."""
    if variant == "solution":
        import importlib.util
        import os

        app_file = os.environ[APP_FILE]
        sys.path.insert(0, os.path.dirname(app_file))  # modules beside it import as in a check
        spec = importlib.util.spec_from_file_location("m10_serve_app", app_file)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        uri = str(folder / "mlflow")
        os.environ["MODEL_URI"] = uri  # the brief's contract: either way works
        return module.create_app(uri)
    if variant == "naive":
        from airoadmap.lab.serve.naive import create_app

        return create_app(folder)
    if variant in ("onnx", "batched"):
        from airoadmap.lab.serve.fast import FastApp

        return FastApp(folder, batching=variant == "batched")
    raise ValueError(f"unknown variant {variant!r}: use one of {', '.join(VARIANTS)}")


def main(argv: list[str]) -> None:
    """Serve VARIANT MODEL_FOLDER PORT until SIGTERM."""
    variant, folder, port = argv
    if variant == "protocol":
        import asyncio

        from airoadmap.lab.serve.fast import serve_protocol

        asyncio.run(serve_protocol(Path(folder), "127.0.0.1", int(port)))
        return
    import uvicorn

    app = make_app(variant, Path(folder))
    uvicorn.run(app, host="127.0.0.1", port=int(port), log_level="warning", access_log=False)


if __name__ == "__main__":
    main(sys.argv[1:])
