"""serve: a web UI and a REST API over one accord store (``accord serve``).

Needs the ``serve`` extra (FastAPI, uvicorn): ``pip install 'accord[serve]'``.
"""

from __future__ import annotations

from accord.errors import MissingExtra

try:
    import fastapi  # noqa: F401
    import uvicorn  # noqa: F401
except ImportError as e:  # pragma: no cover - exercised only without the extra
    raise MissingExtra("serve", e.name or "fastapi") from e

from accord.serve.app import create_app, serve

__all__ = ["create_app", "serve"]
