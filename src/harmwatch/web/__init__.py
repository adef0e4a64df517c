"""Stage: publish on the web. The JSON API, the exports over HTTP, the live feed, the offline map.

>>> app = create_app("harmwatch.db")                  # doctest: +SKIP
>>> serve("harmwatch.db", "127.0.0.1", 8000)           # doctest: +SKIP
"""

from __future__ import annotations

from harmwatch.web.app import create_app, serve

__all__ = ["create_app", "serve"]
