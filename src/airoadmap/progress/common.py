"""What the ORM store and the quick writer share, importable without SQLAlchemy."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any

HEAD_REVISION = "0003"  # the newest migration; a test checks it against migrations/versions
KNOWN_REVISIONS = ("0001", "0002", "0003")  # every shipped revision, oldest first
BUSY_TIMEOUT_MS = 10_000


def jsonable(value: Any) -> Any:
    """`value` as plain JSON data, portable to any database: NaN and infinities become None.

    Pydantic models are dumped; numpy scalars and other numbers become float or int;
    anything else unknown becomes its str().
    """
    if value is None or isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        return jsonable(dump(mode="json"))
    if hasattr(value, "item"):  # numpy scalar
        return jsonable(value.item())
    if isinstance(value, date):
        return value.isoformat()
    try:
        return jsonable(float(value))
    except (TypeError, ValueError):
        return str(value)
