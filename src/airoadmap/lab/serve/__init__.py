"""`airoadmap run m10-serve`: the month-6 Titanic model served several ways, measured side by
side.

The m10-serve exercise's solution app and a naive service (FastAPI, pydantic, the
scikit-learn Pipeline per request) against the optimised one (a typed fast path, the forest
in onnxruntime, orjson, micro-batching; under uvicorn, then on an asyncio HTTP server of its
own), each in its own process, driven by the same load generator in another process.
"""
